import type { CustomerIndex } from '../../bot/ports/customer-data.port.js';

interface Entry {
  readonly conversations: Map<string, number>;
  readonly users: Map<string, { channelId: string; userId: string }>;
}

/** The customer index in process memory: the default without Redis, and for tests. */
export function createMemoryCustomerIndex(options: { readonly retentionMs: number }): CustomerIndex {
  const customers = new Map<string, Entry>();
  const entry = (customerId: string): Entry => {
    const found = customers.get(customerId) ?? { conversations: new Map(), users: new Map() };
    customers.set(customerId, found);
    return found;
  };
  const userKey = (user: { channelId: string; userId: string }): string =>
    JSON.stringify([user.channelId, user.userId]);

  return {
    async addConversation(customerId, key, at) {
      const { conversations } = entry(customerId);
      conversations.set(key, at.getTime());
      for (const [known, added] of conversations)
        if (added < at.getTime() - options.retentionMs) conversations.delete(known);
    },
    async addChannelUser(customerId, user) {
      entry(customerId).users.set(userKey(user), { channelId: user.channelId, userId: user.userId });
    },
    async removeChannelUser(customerId, user) {
      customers.get(customerId)?.users.delete(userKey(user));
    },
    async list(customerId) {
      const found = customers.get(customerId);
      return {
        conversations: [...(found?.conversations ?? [])]
          .map(([key, at]) => ({ key, at }))
          .sort((a, b) => a.at - b.at || a.key.localeCompare(b.key)),
        channelUsers: [...(found?.users.entries() ?? [])]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([, user]) => user),
      };
    },
    async erase(customerId) {
      const found = customers.get(customerId);
      customers.delete(customerId);
      return (found?.conversations.size ? 1 : 0) + (found?.users.size ? 1 : 0);
    },
  };
}

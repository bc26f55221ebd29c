import { TERMINAL, type AlertPatch, type AlertRecord } from '../../bot/alerts/alert.js';
import type { AlertRecords, SendClaim } from '../../bot/ports/alert-records.port.js';
import { withFields } from '../../bot/objects.js';

interface Stored {
  record: AlertRecord;
  sends: Map<string, string>;
  presented: Set<string>;
}

const SENT = 'sent';

/** Alert records in one process's memory, with the same contract as the Redis ones. */
export function createMemoryAlertRecords(options: { now?: () => Date } = {}): AlertRecords {
  const now = options.now ?? (() => new Date());
  const alerts = new Map<string, Stored>();
  const byCustomer = new Map<string, Set<string>>();
  const open = new Map<string, Set<string>>();
  const setOf = (map: Map<string, Set<string>>, key: string): Set<string> => {
    const found = map.get(key) ?? new Set<string>();
    map.set(key, found);
    return found;
  };

  return {
    async create(record) {
      if (alerts.has(record.alertId)) return false;
      alerts.set(record.alertId, { record, sends: new Map(), presented: new Set() });
      setOf(byCustomer, record.customerId).add(record.alertId);
      return true;
    },
    async get(alertId) {
      return alerts.get(alertId)?.record;
    },
    async discard(alertId) {
      const record = alerts.get(alertId)?.record;
      alerts.delete(alertId);
      if (record) byCustomer.get(record.customerId)?.delete(alertId);
    },
    async update(alertId, patch: AlertPatch) {
      const stored = alerts.get(alertId);
      if (!stored) return;
      // A final status (answered, expired, failed) is never replaced.
      const { status, outcome, ...rest } = patch;
      const open = !TERMINAL.has(stored.record.status);
      const changes: Partial<AlertRecord> = {
        updatedAt: now().toISOString(),
        ...rest,
        ...(open && status ? { status } : {}),
        ...(open && outcome ? { outcome } : {}),
      };
      stored.record = Object.assign({}, stored.record, changes);
    },
    async countAttempt(alertId) {
      const stored = alerts.get(alertId);
      if (!stored) return 0;
      stored.record = withFields(stored.record, { attempts: stored.record.attempts + 1 });
      return stored.record.attempts;
    },
    async claimSend(alertId, target, consumer): Promise<SendClaim> {
      const sends = alerts.get(alertId)?.sends;
      if (!sends) return { state: 'sent' };
      const holder = sends.get(target);
      if (holder === undefined) {
        sends.set(target, consumer);
        return { state: 'claimed' };
      }
      return holder === SENT ? { state: 'sent' } : { state: 'sending', by: holder };
    },
    async takeOver(alertId, target, from, consumer) {
      const sends = alerts.get(alertId)?.sends;
      if (sends?.get(target) !== from) return false;
      sends.set(target, consumer);
      return true;
    },
    async markSent(alertId, target) {
      alerts.get(alertId)?.sends.set(target, SENT);
    },
    async release(alertId, target, consumer) {
      const sends = alerts.get(alertId)?.sends;
      if (sends?.get(target) === consumer) sends.delete(target);
    },
    async markPresented(alertId, channelId) {
      const presented = alerts.get(alertId)?.presented;
      if (!presented || presented.has(channelId)) return false;
      presented.add(channelId);
      return true;
    },
    async addOpen(customerId, alertId) {
      setOf(open, customerId).add(alertId);
    },
    async openFor(customerId) {
      return [...(open.get(customerId) ?? [])];
    },
    async closeOpen(customerId, alertId) {
      open.get(customerId)?.delete(alertId);
    },
    async erase(customerId) {
      const ids = [...(byCustomer.get(customerId) ?? [])];
      const queued: string[] = [];
      const dead: string[] = [];
      let deleted = 0;
      for (const alertId of ids) {
        const record = alerts.get(alertId)?.record;
        if (!record) continue;
        if (record.entryId) queued.push(record.entryId);
        if (record.deadEntryId) dead.push(record.deadEntryId);
        alerts.delete(alertId);
        deleted += 1;
      }
      byCustomer.delete(customerId);
      open.delete(customerId);
      return { deleted, entries: { queued, dead } };
    },
  };
}

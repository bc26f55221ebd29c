import type { Activity, ResourceResponse, TurnContext } from 'botbuilder-core';

/** One `sendActivities` call held back, with the rest of its send chain (later handlers, the adapter). */
interface Held {
  readonly activities: Partial<Activity>[];
  readonly send: () => Promise<ResourceResponse[]>;
}

/**
 * Holds a turn's outgoing activities until its state is saved. A turn that loses an eTag race is
 * run again from fresh state, and the customer must not see the first attempt's replies.
 *
 * A turn that sent once (the usual case) is released by resuming that send where it was held: the
 * handlers registered after the outbox (the disclosure filter) and then the adapter, without
 * botbuilder copying and addressing the activities a second time. Several sends are released as
 * one `sendActivities` call, in order, as the adapter would have them in one response.
 */
export class Outbox {
  private held: Held[] = [];
  private releasing = false;

  constructor(private readonly context: TurnContext) {
    context.onSendActivities(async (_ctx, activities, next) => {
      if (this.releasing) return next();
      this.held.push({ activities, send: next });
      return activities.map((): ResourceResponse => ({ id: '' }));
    });
  }

  /** Drops what the failed attempt wanted to send. */
  discard(): void {
    this.held = [];
  }

  /** Sends everything held, in order. */
  async release(): Promise<void> {
    const held = this.held;
    if (held.length === 0) return;
    this.held = [];
    if (held.length === 1) {
      await held[0]!.send();
      return;
    }
    this.releasing = true;
    try {
      await this.context.sendActivities(held.flatMap((batch) => batch.activities));
    } finally {
      this.releasing = false;
    }
  }
}

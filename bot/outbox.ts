import type { Activity, ResourceResponse, TurnContext } from 'botbuilder-core';

/**
 * Holds a turn's outgoing activities until its state is saved. A turn that loses an eTag race is
 * run again from fresh state, and the customer must not see the first attempt's replies.
 */
export class Outbox {
  private held: Partial<Activity>[] = [];
  private releasing = false;

  constructor(private readonly context: TurnContext) {
    context.onSendActivities(async (_ctx, activities, next) => {
      if (this.releasing) return next();
      this.held.push(...activities);
      return activities.map((): ResourceResponse => ({ id: '' }));
    });
  }

  /** Drops what the failed attempt wanted to send. */
  discard(): void {
    this.held = [];
  }

  /** Sends everything held, in order. */
  async release(): Promise<void> {
    if (this.held.length === 0) return;
    const activities = this.held;
    this.held = [];
    this.releasing = true;
    try {
      await this.context.sendActivities(activities);
    } finally {
      this.releasing = false;
    }
  }
}

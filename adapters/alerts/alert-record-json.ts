import { ALERT_STATUSES, type AlertRecord, type AlertStatus } from '../../bot/alerts/alert.js';
import { withFields } from '../../bot/objects.js';

const STATUSES: readonly string[] = ALERT_STATUSES;

/** A stored record read back (Lua's cjson writes an empty list as `{}`); undefined when unreadable. */
export function parseAlertRecord(json: string | null | undefined): AlertRecord | undefined {
  if (!json) return undefined;
  try {
    const value = JSON.parse(json) as Partial<AlertRecord> & { channels?: unknown };
    if (typeof value.alertId !== 'string' || !STATUSES.includes(String(value.status))) return undefined;
    const channels = Array.isArray(value.channels) ? (value.channels as string[]) : [];
    return withFields(value as AlertRecord, { status: value.status as AlertStatus, channels });
  } catch {
    return undefined;
  }
}

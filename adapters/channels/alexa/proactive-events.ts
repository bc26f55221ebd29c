import { CodedError } from '../../../bot/errors.js';
import type { Logger } from '../../../bot/logger.js';
import type { AlertTarget } from '../../../bot/ports/channel.port.js';

/** Where and as whom notifications are sent; the secret stays in this closure. */
export interface ProactiveEventsSettings {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Login with Amazon's token endpoint (client-credentials grant). */
  readonly tokenUrl: string;
  /** The Alexa API endpoint, e.g. https://api.amazonalexa.com (tests: a local server). */
  readonly apiUrl: string;
  /** `development` posts to the skill's development stage (testing), `live` to the published skill. */
  readonly stage: 'development' | 'live';
  /** What the notification says sent it ("Your bank"). */
  readonly source: string;
  readonly locale: string;
  readonly now: () => Date;
  readonly logger: Logger;
}

const SCOPE = 'alexa::proactive_events';
const TIMEOUT_MS = 5000;
/** A notification lives at most a day; an alert not heard by then is read out at the next launch anyway. */
const EXPIRY_MS = 23 * 60 * 60 * 1000;

/**
 * Alexa Proactive Events API: an `AMAZON.MessageAlert.Activated` notification to one user
 * (Unicast), with the alert id as `referenceId`. The notification says only that a message
 * waits; the alert itself is read out, through the disclosure policy, when the customer opens
 * the skill. The LWA access token is fetched by client credentials and reused until it expires.
 */
export function createProactiveEvents(settings: ProactiveEventsSettings): {
  push(target: AlertTarget): Promise<void>;
} {
  let cached: { token: string; until: number } | undefined;

  const token = async (): Promise<string> => {
    const now = settings.now().getTime();
    if (cached && cached.until > now) return cached.token;
    const response = await fetch(settings.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: settings.clientId,
        client_secret: settings.clientSecret,
        scope: SCOPE,
      }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const body = (await response.json().catch(() => ({}))) as {
      access_token?: unknown;
      expires_in?: unknown;
    };
    if (!response.ok || typeof body.access_token !== 'string')
      throw new CodedError('ALERT_ERR_PUSH_FAILED', `alexa lwa status=${response.status}`);
    const seconds = typeof body.expires_in === 'number' ? body.expires_in : 3600;
    cached = { token: body.access_token, until: now + Math.max(0, seconds - 60) * 1000 };
    return cached.token;
  };

  const path =
    settings.stage === 'development' ? '/v1/proactiveEvents/stages/development' : '/v1/proactiveEvents/';

  return {
    async push(target) {
      const now = settings.now();
      const event = {
        timestamp: now.toISOString(),
        referenceId: target.alertId,
        expiryTime: new Date(now.getTime() + EXPIRY_MS).toISOString(),
        event: {
          name: 'AMAZON.MessageAlert.Activated',
          payload: {
            state: { status: 'UNREAD', freshness: 'NEW' },
            messageGroup: { creator: { name: settings.source }, count: 1, urgency: 'URGENT' },
          },
        },
        localizedAttributes: [{ locale: settings.locale, source: settings.source }],
        relevantAudience: { type: 'Unicast', payload: { user: target.userId } },
      };
      const response = await fetch(`${settings.apiUrl.replace(/\/+$/, '')}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await token()}`, 'content-type': 'application/json' },
        body: JSON.stringify(event),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      }).catch(() => undefined);
      // A refused token is dropped so the next attempt fetches a new one.
      if (response?.status === 401 || response?.status === 403) cached = undefined;
      if (!response || !response.ok)
        throw new CodedError('ALERT_ERR_PUSH_FAILED', `alexa proactive status=${response?.status ?? 0}`);
      settings.logger.info({ event: 'alexa.alert_notified', alertId: target.alertId });
    },
  };
}

import { customerSentence, errorCode } from '../../../bot/errors.js';
import type { Logger } from '../../../bot/logger.js';
import type { CustomerRef } from '../../../bot/ports/bank.port.js';
import type { IdentityPort } from '../../../bot/ports/identity.port.js';
import { reply, type Reply } from '../../../bot/reply.js';
import { CHANNEL_ID } from './inbound-activity.js';
import type { LinkingEvent } from './webhook-events.js';
import { withFields } from '../../../bot/objects.js';

const LINKED = "You're all set: your bank account is linked. What can I help you with?";
const REFUSED = "I couldn't link your bank account. Please try again with the button below.";
const UNLINKED =
  "Your bank account is no longer linked. I won't show any account details here until you link it again.";

/**
 * Applies an `account_linking` notification. The `authorization_code` the bank's linking page
 * passed through is an account-linking access token: the bank resolves it to a customer, and the
 * PSID is linked to that customer id, with the token sealed when the bank needs it on later turns
 * (TOKEN_ENCRYPTION_KEYS); it is never stored in clear. Logs carry ids and codes.
 * Returns the confirmation to send.
 */
export async function applyAccountLinking(
  event: LinkingEvent,
  identity: IdentityPort,
  logger: Logger,
): Promise<Reply> {
  const user = { channelId: CHANNEL_ID, userId: event.psid };
  if (event.kind === 'unlinked') {
    await identity.unlink(user);
    logger.info({ event: 'messenger.account_unlinked', psid: event.psid });
    return reply(UNLINKED);
  }
  let customer: CustomerRef | undefined;
  try {
    customer = event.authorizationCode
      ? await identity.resolve(withFields(user, { accessToken: event.authorizationCode }))
      : undefined;
  } catch (error) {
    // The bank could not answer: Meta will not resend the event, so the customer is told and can retry.
    logger.warn({ event: 'messenger.account_link_failed', code: errorCode(error), psid: event.psid });
    return reply(customerSentence(error), { linkAccount: true });
  }
  if (!customer) {
    logger.warn({ event: 'messenger.account_link_refused', code: 'BANK_ERR_UNAUTHORIZED', psid: event.psid });
    return reply(REFUSED, { linkAccount: true });
  }
  // The bank's token goes with the link (sealed by the identity store when a cipher is configured).
  const token = customer.accessToken ?? event.authorizationCode;
  await identity.link(withFields(user, token ? { accessToken: token } : {}), customer.customerId);
  logger.info({ event: 'messenger.account_linked', psid: event.psid, customerId: customer.customerId });
  return reply(LINKED, { expectsInput: true });
}

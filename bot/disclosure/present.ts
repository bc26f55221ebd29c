import type { DisclosureVia } from '../ports/audit.port.js';
import type { AppMessage } from '../ports/bank.port.js';
import { renderText, type RenderOptions } from '../render-text.js';
import { classesOf, reply, sensitivityOf, type Reply, type Sensitivity } from '../reply.js';
import { AMOUNT_CLASSES, type DisclosurePolicy } from './policy.js';
import { keepOffChannel, keepOffSpeech, maskNumbers } from './redact.js';
import { withFields } from '../objects.js';

/** How this turn's amounts reach the customer, once the step-up state is known. */
export type Delivery = 'show' | 'card' | 'app';

export function deliveryOf(policy: DisclosurePolicy, assured: boolean): Delivery {
  if (policy.amounts === 'step-up') return assured ? 'show' : policy.fallback;
  return policy.amounts;
}

/**
 * What any channel shows of a reply: numbers masked, and a list longer than the channel's cap cut,
 * with a second reply counting the rest. A question's options are never cut.
 */
export function shapeForChannel(value: Reply, policy: DisclosurePolicy): Reply[] {
  const masked = policy.maskDigits === undefined ? value : maskNumbers(value, policy.maskDigits);
  const items = masked.items ?? [];
  const max = policy.maxListItems;
  if (max === undefined || items.length <= max || (masked.choices ?? []).length > 0) return [masked];
  const hidden = items.length - max;
  return [
    withFields(masked, { items: items.slice(0, max), expectsInput: false }),
    reply(`${hidden} more ${hidden === 1 ? 'is' : 'are'} in your banking app.`, {
      expectsInput: masked.expectsInput,
    }),
  ];
}

/** Whether a reply holds amounts or transaction details anywhere. */
export function hasAmounts(value: Reply): boolean {
  for (const category of sensitivityOf(value)) if (AMOUNT_CLASSES.has(category)) return true;
  return false;
}

function what(value: Reply): string {
  return sensitivityOf(value).has('balance') ? 'the amounts' : 'the details';
}

/** The reply with its amounts delivered as decided: as they are, kept off the speech, or sent to the app. */
export function deliverAmounts(value: Reply, policy: DisclosurePolicy, delivery: Delivery): Reply {
  if (delivery === 'show' || !hasAmounts(value)) return value;
  if (delivery === 'app')
    return keepOffChannel(value, AMOUNT_CLASSES, `I've sent ${what(value)} to your banking app.`);
  return policy.voice
    ? keepOffSpeech(value, AMOUNT_CLASSES, `I've put ${what(value)} ${policy.cardPlace}.`)
    : value;
}

/** The message the banking app gets in place of what the channel does not say or show. */
export function appMessageOf(value: Reply, options: RenderOptions): AppMessage {
  const title = sensitivityOf(value).has('balance') ? 'Your balances' : 'Your transactions';
  return { title, body: renderText(value, options) };
}

/** Each class of customer data the reply discloses, and how: one audit record each. */
export function disclosuresOf(
  value: Reply,
  policy: DisclosurePolicy,
): { readonly category: Sensitivity; readonly via: DisclosureVia }[] {
  const { shown, spoken } = classesOf(value);
  const out: { readonly category: Sensitivity; readonly via: DisclosureVia }[] = [];
  if (!policy.voice) {
    for (const category of shown) out.push({ category, via: 'text' });
    return out;
  }
  for (const category of shown) out.push({ category, via: spoken.has(category) ? 'voice' : 'screen' });
  if (spoken !== shown)
    for (const category of spoken) if (!shown.has(category)) out.push({ category, via: 'voice' });
  return out;
}

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DisclosurePolicy } from '../../bot/disclosure/policy.js';
import { disclosuresOf } from '../../bot/disclosure/present.js';
import { createLogAudit } from '../../bot/disclosure/log-audit.js';
import type { Logger } from '../../bot/logger.js';
import {
  amount,
  classesOf,
  day,
  reply,
  sensitive,
  sensitivityOf,
  type Part,
  type Phrase,
  type Reply,
  type Sensitivity,
} from '../../bot/reply.js';

/** The scans as they were before the per-reply memo: the reference the memo must agree with. */
function referenceSensitivityOf(value: Reply): Sensitivity[] {
  const found = new Set<Sensitivity>();
  const scan = (phrase: Phrase | undefined): void =>
    phrase?.forEach(
      (part) => typeof part !== 'string' && 'sensitivity' in part && found.add(part.sensitivity),
    );
  scan(value.text);
  scan(value.speech);
  value.items?.forEach((item) => (scan(item.title), scan(item.subtitle)));
  return [...found];
}

function referenceClassesIn(phrases: readonly (Phrase | undefined)[]): Set<Sensitivity> {
  const found = new Set<Sensitivity>();
  for (const phrase of phrases)
    for (const part of phrase ?? [])
      if (typeof part !== 'string' && 'sensitivity' in part) found.add(part.sensitivity);
  return found;
}

function referenceDisclosuresOf(
  value: Reply,
  policy: DisclosurePolicy,
): { category: Sensitivity; via: string }[] {
  const itemPhrases = (value.items ?? []).flatMap((item) => [item.title, item.subtitle]);
  const shown = referenceClassesIn([value.text, ...itemPhrases]);
  if (!policy.voice) return [...shown].map((category) => ({ category, via: 'text' }));
  const spoken = value.speech ? referenceClassesIn([value.speech]) : shown;
  const all = new Set([...shown, ...spoken]);
  return [...all].map((category) => ({ category, via: spoken.has(category) ? 'voice' : 'screen' }));
}

const CLASSES: readonly Sensitivity[] = ['balance', 'transaction', 'accountNumber', 'personal'];

/** Deterministic varied replies: text, optional speech (sometimes empty), optional items. */
function replies(count: number): Reply[] {
  let seed = 11;
  const next = (n: number) => ((seed = (seed * 48271) % 2147483647), seed % n);
  const part = (): Part => {
    const kind = next(4);
    const sensitivity = CLASSES[next(CLASSES.length)] as Sensitivity;
    if (kind === 0) return `word${next(9)} `;
    if (kind === 1) return amount({ minor: next(100000) - 50000, currency: 'USD' }, sensitivity);
    if (kind === 2) return sensitive('••1234', sensitivity);
    return day('2026-11-20');
  };
  const phrase = (): Phrase => Array.from({ length: next(5) }, part);
  return Array.from({ length: count }, () => {
    const speech = next(3) === 0 ? undefined : phrase();
    const items =
      next(2) === 0
        ? undefined
        : Array.from({ length: next(4) }, () => ({
            title: phrase(),
            ...(next(2) ? { subtitle: phrase() } : {}),
          }));
    return reply(phrase(), { ...(speech ? { speech } : {}), ...(items ? { items } : {}) });
  });
}

const voice: DisclosurePolicy = { voice: true, amounts: 'show', fallback: 'card', cardPlace: 'in the app' };
const text: DisclosurePolicy = { voice: false, amounts: 'show', fallback: 'card', cardPlace: '' };

describe('sensitivity classes in one pass', () => {
  it('agree with a fresh scan of text, speech and items, in first-appearance order', () => {
    for (const value of replies(500)) {
      assert.deepStrictEqual([...sensitivityOf(value)], referenceSensitivityOf(value));
      assert.deepStrictEqual(disclosuresOf(value, voice), referenceDisclosuresOf(value, voice));
      assert.deepStrictEqual(disclosuresOf(value, text), referenceDisclosuresOf(value, text));
    }
  });

  it('tell what is shown from what is spoken', () => {
    const value = reply([amount({ minor: 1, currency: 'USD' }, 'balance')], { speech: ['nothing'] });
    assert.deepStrictEqual([...classesOf(value).shown], ['balance']);
    assert.deepStrictEqual([...classesOf(value).spoken], []);
    assert.deepStrictEqual(disclosuresOf(value, voice), [{ category: 'balance', via: 'screen' }]);
  });
});

describe('log audit', () => {
  it('writes one log line per record and rejects when the log cannot be written', async () => {
    const lines: unknown[] = [];
    const logger = { info: (line: unknown) => lines.push(line) } as unknown as Logger;
    const record = {
      customerId: 'alex',
      conversationId: 'c1',
      channel: 'alexa',
      category: 'balance' as const,
      via: 'voice' as const,
      at: new Date(0),
    };
    await createLogAudit(logger).recordDisclosure(record);
    assert.deepStrictEqual(lines, [
      {
        event: 'disclosure',
        customerId: 'alex',
        conversationId: 'c1',
        channel: 'alexa',
        category: 'balance',
        via: 'voice',
      },
    ]);
    const failing = {
      info: () => {
        throw new Error('disk full');
      },
    } as unknown as Logger;
    await assert.rejects(createLogAudit(failing).recordDisclosure(record), /disk full/);
  });
});

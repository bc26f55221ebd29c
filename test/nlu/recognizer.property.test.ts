import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { loadCorpora } from '../../bot/nlu/corpus.js';
import { OUT_OF_SCOPE, type RecognizerPort } from '../../bot/recognition.js';
import { cleanUtterance, MAX_UTTERANCE_CHARS } from '../../bot/utterance.js';
import { hostileText } from '../support/hostile-text.js';
import { testRecognizer } from '../support/test-bot.js';

const OPTIONS = { now: new Date('2026-11-21T15:00:00Z'), timeZone: 'Europe/London' };
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const INVISIBLE = /[\p{Cc}\p{Cf}]/u;

const knownIntents = new Set([
  OUT_OF_SCOPE,
  ...['en', 'es'].flatMap((language) =>
    loadCorpora('nlu-models', language).flatMap(({ data }) => data.map(({ intent }) => intent)),
  ),
]);

describe('cleanUtterance', () => {
  it('removes invisible characters, folds full-width letters and collapses spaces', () => {
    assert.equal(cleanUtterance("  what's my ｂａｌａｎｃｅ\u202E?\r\n"), "what's my balance?");
    assert.equal(cleanUtterance('bal\u200Bance\u00A0\u00A0now\u0000'), 'balance now');
    assert.equal(cleanUtterance('\uD800oops'), '\uFFFDoops');
  });

  it(`keeps at most ${MAX_UTTERANCE_CHARS} code units without splitting a surrogate pair`, () => {
    const emoji = '💳'.repeat(MAX_UTTERANCE_CHARS);
    const cleaned = cleanUtterance(emoji);
    assert.equal(cleaned.length, MAX_UTTERANCE_CHARS);
    assert.doesNotMatch(cleaned, LONE_SURROGATE);
    assert.equal(cleanUtterance(`x${emoji}`).length, MAX_UTTERANCE_CHARS - 1);
  });

  it('returns well-formed, visible, bounded text and is idempotent, for any input', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const cleaned = cleanUtterance(text);
        assert.ok(cleaned.length <= MAX_UTTERANCE_CHARS, `length ${cleaned.length}`);
        assert.doesNotMatch(cleaned, LONE_SURROGATE);
        assert.doesNotMatch(cleaned, INVISIBLE);
        assert.equal(cleaned, cleaned.trim());
        assert.equal(cleanUtterance(cleaned), cleaned);
      }),
      { numRuns: 3000, seed: 5 },
    );
  });
});

describe('recognizer on hostile text', () => {
  let recognizer: RecognizerPort;
  before(async () => {
    recognizer = await testRecognizer();
  });

  it('still understands a request hidden behind zero-width, full-width or RTL characters', async () => {
    for (const text of ["what's my bal\u200Bance", "what's my ｂａｌａｎｃｅ", "\u202Ewhat's my balance"]) {
      const recognition = await recognizer.recognize(text, { ...OPTIONS, locale: 'en-US' });
      assert.equal(recognition.intent, 'balance.check', JSON.stringify(text));
    }
  });

  it('returns a valid classification of the bounded text for any string, in any locale', async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileText,
        fc.constantFrom('en-US', 'en-GB', 'es-ES', 'fr-FR', 'xx'),
        async (text, locale) => {
          const recognition = await recognizer.recognize(text, { ...OPTIONS, locale });
          assert.equal(recognition.text, cleanUtterance(text));
          assert.ok(recognition.text.length <= MAX_UTTERANCE_CHARS);
          assert.ok(knownIntents.has(recognition.intent), recognition.intent);
          assert.ok(recognition.score >= 0 && recognition.score <= 1, `score ${recognition.score}`);
          assert.ok(recognition.intents.length > 0);
          recognition.intents.forEach(({ intent, score }, index) => {
            assert.ok(knownIntents.has(intent), intent);
            assert.ok(Number.isFinite(score) && score >= 0 && score <= 1, `${intent} ${score}`);
            assert.ok(score <= (recognition.intents[index - 1]?.score ?? 1), 'best first');
          });
          for (const amount of recognition.entities.amounts) {
            assert.ok(Number.isSafeInteger(amount.minor) && amount.minor >= 0, `minor ${amount.minor}`);
          }
        },
      ),
      { numRuns: 150, seed: 11 },
    );
  });
});

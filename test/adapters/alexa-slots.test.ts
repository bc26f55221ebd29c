import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAmazonDate, toAmazonDate, todayIn } from '../../adapters/channels/alexa/amazon-date.js';
import type { AlexaIntent } from '../../adapters/channels/alexa/envelope.js';
import { alexaIntentName, createIntentTable } from '../../adapters/channels/alexa/intent-names.js';
import { recognitionOf } from '../../adapters/channels/alexa/slot-recognition.js';
import { dayIn } from '../../bot/intl-cache.js';

const TODAY = '2026-11-21';
const matched = (name: string, id: string) => ({
  resolutionsPerAuthority: [{ status: { code: 'ER_SUCCESS_MATCH' }, values: [{ value: { name, id } }] }],
});

describe('alexa intent names', () => {
  it('derives PascalCase names and uses built-ins for help, stop, cancel, start over, yes and no', () => {
    assert.equal(alexaIntentName('balance.check'), 'BalanceCheckIntent');
    assert.equal(alexaIntentName('common.outOfScope'), 'CommonOutOfScopeIntent');
    assert.equal(alexaIntentName('common.help'), 'AMAZON.HelpIntent');
    assert.equal(alexaIntentName('common.goodbye'), 'AMAZON.StopIntent');
    assert.equal(alexaIntentName('common.confirm'), 'AMAZON.YesIntent');
  });

  it('resolves Alexa names back, with fallback and select as unmatched (score 0)', () => {
    const table = createIntentTable(['balance.check', 'common.cancel']);
    assert.deepEqual(table('BalanceCheckIntent'), { intent: 'balance.check', score: 1 });
    assert.deepEqual(table('AMAZON.CancelIntent'), { intent: 'common.cancel', score: 1 });
    assert.deepEqual(table('AMAZON.FallbackIntent'), { intent: 'common.outOfScope', score: 0 });
    assert.deepEqual(table('SelectIntent'), { intent: 'common.outOfScope', score: 0 });
    assert.deepEqual(table('CodeIntent'), { intent: 'common.outOfScope', score: 0 });
    assert.equal(table('RecipeIntent'), undefined);
  });
});

describe('alexa AMAZON.DATE values', () => {
  const cases: [string, { from: string; to: string } | undefined][] = [
    ['2026-11-18', { from: '2026-11-18', to: '2026-11-18' }],
    ['2026-W46', { from: '2026-11-09', to: '2026-11-15' }],
    ['2026-W47', { from: '2026-11-16', to: TODAY }],
    ['2026-W46-WE', { from: '2026-11-14', to: '2026-11-15' }],
    ['2026-10', { from: '2026-10-01', to: '2026-10-31' }],
    ['2026-11', { from: '2026-11-01', to: TODAY }],
    ['2025', { from: '2025-01-01', to: '2025-12-31' }],
    ['2026-W01', { from: '2025-12-29', to: '2026-01-04' }],
    ['PRESENT_REF', { from: TODAY, to: TODAY }],
    ['2026-WI', undefined],
    ['soon', undefined],
  ];
  for (const [value, range] of cases) {
    it(`reads ${value}`, () => assert.deepEqual(parseAmazonDate(value, TODAY), range));
  }

  it('writes the value Alexa sends for a range, and nothing for ranges it cannot say', () => {
    assert.equal(toAmazonDate({ from: '2026-11-09', to: '2026-11-15' }, TODAY), '2026-W46');
    assert.equal(toAmazonDate({ from: '2026-11-16', to: TODAY }, TODAY), '2026-W47');
    assert.equal(toAmazonDate({ from: '2026-10-01', to: '2026-10-31' }, TODAY), '2026-10');
    assert.equal(toAmazonDate({ from: '2026-11-14', to: '2026-11-15' }, TODAY), '2026-W46-WE');
    assert.equal(toAmazonDate({ from: '2026-11-17', to: TODAY }, TODAY), undefined);
  });
});

describe('alexa slots to entities', () => {
  const recognise = (intent: AlexaIntent) =>
    recognitionOf(intent, { intent: 'transactions.search', score: 1 }, 'en-US', TODAY);

  it('builds an amount from whole units, cents and currency, and says "over" in the text', () => {
    const r = recognise({
      name: 'TransactionsSearchIntent',
      slots: {
        comparison: { value: 'more than', resolutions: matched('over', 'over') },
        amount: { value: '42' },
        cents: { value: '5' },
        currency: { value: 'bucks', resolutions: matched('dollars', 'USD') },
        date: { value: '2026-10' },
      },
    });
    assert.deepEqual(r.entities.amounts, [{ minor: 4205, currency: 'USD', text: '42.05 USD' }]);
    assert.deepEqual(r.entities.dateRange, { from: '2026-10-01', to: '2026-10-31', text: '2026-10' });
    assert.equal(r.text, 'over');
    assert.equal(r.score, 1);
  });

  it('leaves the currency out when none was said, and ignores numbers Alexa could not read', () => {
    assert.deepEqual(
      recognise({ name: 'X', slots: { amount: { value: '7' }, cents: { value: '56' } } }).entities.amounts,
      [{ minor: 756, text: '7.56' }],
    );
    assert.deepEqual(recognise({ name: 'X', slots: { amount: { value: '?' } } }).entities.amounts, []);
  });

  it('puts the resolved merchant, or the words said, after "at" in the text', () => {
    const resolved = recognise({
      name: 'X',
      slots: { merchant: { value: 'sbux', resolutions: matched('starbucks', 'starbucks') } },
    });
    assert.equal(resolved.text, 'at starbucks');
    const unknown = recognise({
      name: 'X',
      slots: {
        merchant: {
          value: 'harrods',
          resolutions: { resolutionsPerAuthority: [{ status: { code: 'ER_SUCCESS_NO_MATCH' } }] },
        },
      },
    });
    assert.equal(unknown.text, 'at harrods');
  });

  it('sets the account kind from the account slot and keeps its words for card and account names', () => {
    const r = recognise({
      name: 'X',
      slots: { account: { value: 'debit card', resolutions: matched('checking', 'checking') } },
    });
    assert.equal(r.entities.accountKind, 'checking');
    assert.equal(r.text, 'debit card');
    assert.equal(
      recognise({ name: 'X', slots: { account: { value: 'visa' } } }).entities.accountKind,
      'credit',
    );
  });

  it('reads ordinals ("2" or "2nd") and numbers for picking from a list', () => {
    assert.equal(recognise({ name: 'SelectIntent', slots: { ordinal: { value: '2' } } }).entities.ordinal, 2);
    assert.equal(
      recognise({ name: 'SelectIntent', slots: { ordinal: { value: '2nd' } } }).entities.ordinal,
      2,
    );
    assert.deepEqual(
      recognise({ name: 'SelectIntent', slots: { number: { value: '3' } } }).entities.numbers,
      [3],
    );
  });

  it('reads a voice PIN or one-time code as its digits in the text, and as a number for picking', () => {
    const pin = recognise({ name: 'CodeIntent', slots: { code: { value: '2468' } } });
    assert.equal(pin.text, '2468');
    assert.deepEqual(pin.entities.numbers, [2468]);
    assert.equal(recognise({ name: 'CodeIntent', slots: { code: { value: '?' } } }).text, '');
  });
});

describe('todayIn (cached per zone and minute)', () => {
  const zones = [
    'UTC',
    'Europe/London',
    'Europe/Berlin',
    'America/New_York',
    'America/Sao_Paulo',
    'Asia/Kathmandu',
    'Pacific/Chatham',
    'Australia/Lord_Howe',
    'Pacific/Apia',
    'Africa/Monrovia',
  ];
  // Around midnights, DST changes, Samoa's skipped day (2011-12-30), and 1960s Monrovia, whose
  // -00:44:30 offset puts midnight in the middle of a UTC minute.
  const anchors = [
    '2026-11-21T00:00:00Z',
    '2026-03-29T00:59:30Z',
    '2026-10-25T00:30:00Z',
    '2026-03-08T04:59:00Z',
    '2018-11-04T02:59:59Z',
    '2011-12-30T09:59:00Z',
    '1960-06-02T00:44:30Z',
    '2024-02-29T11:15:00Z',
  ].map((iso) => Date.parse(iso));

  it('gives the day dayIn gives, at every second around midnights and offset changes', () => {
    for (const zone of zones)
      for (const anchor of anchors)
        for (let offsetS = -26 * 3600; offsetS <= 26 * 3600; offsetS += 397) {
          for (const jitter of [0, 1, 59_999, 29_531]) {
            const at = new Date(anchor + offsetS * 1000 + jitter);
            assert.equal(todayIn(at, zone), dayIn(at, zone), `${zone} ${at.toISOString()}`);
          }
        }
  });

  it('gives the exact day every 250 ms across a local midnight, forwards and backwards', () => {
    const midnights: Readonly<Record<string, string>> = {
      'Europe/Berlin': '2026-11-20T23:00:00Z',
      'Asia/Kathmandu': '2026-11-20T18:15:00Z',
      'Africa/Monrovia': '1960-06-02T00:44:30Z',
    };
    for (const [zone, iso] of Object.entries(midnights)) {
      const midnight = Date.parse(iso);
      assert.notEqual(dayIn(new Date(midnight - 1), zone), dayIn(new Date(midnight), zone));
      for (const direction of [1, -1])
        for (let ms = -90_000; ms <= 90_000; ms += 250) {
          const at = new Date(midnight + direction * ms);
          assert.equal(todayIn(at, zone), dayIn(at, zone), `${zone} ${at.toISOString()}`);
        }
    }
  });

  it('refuses what dayIn refuses', () => {
    assert.throws(() => todayIn(new Date(Number.NaN), 'UTC'), RangeError);
    assert.throws(() => todayIn(new Date(), 'Not/AZone'), RangeError);
  });
});

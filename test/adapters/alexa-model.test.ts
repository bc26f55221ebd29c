import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { alexaIntentName } from '../../adapters/channels/alexa/intent-names.js';
import {
  buildInteractionModel,
  type InteractionModel,
} from '../../adapters/channels/alexa/interaction-model.js';
import { sandboxMerchants } from '../../adapters/channels/alexa/model-cli.js';
import { merchantValues } from '../../adapters/channels/alexa/model-merchants.js';
import { slotsOf, toSample } from '../../adapters/channels/alexa/sample-utterance.js';
import { ACCOUNT_VALUES, COMPARISON_VALUES, phrasesOf } from '../../adapters/channels/alexa/slot-types.js';
import { loadCorpora, type Corpus } from '../../bot/nlu/corpus.js';

type Json = Record<string, unknown>;
const FIXTURES = ['highlowgame', 'dialog-delegate'].map(
  (name) =>
    JSON.parse(readFileSync(`test/fixtures/channels/alexa/interaction-model.${name}.en-US.json`, 'utf8')) as {
      interactionModel: { languageModel: Json & { intents: Json[] } };
    },
);
const keysOf = (objects: readonly Json[]): Set<string> => new Set(objects.flatMap((o) => Object.keys(o)));
const BUILT_INS = ['Help', 'Stop', 'Cancel', 'Fallback', 'Yes', 'No', 'NavigateHome'].map(
  (n) => `AMAZON.${n}Intent`,
);

describe('alexa interaction model', () => {
  let corpora: Corpus[];
  let model: InteractionModel;
  before(async () => {
    corpora = loadCorpora('nlu-models', 'en');
    model = buildInteractionModel(corpora, { merchants: merchantValues(await sandboxMerchants()) });
  });
  const language = () => model.interactionModel.languageModel;

  it('is shaped like the official interaction-model fixtures', () => {
    assert.deepEqual(Object.keys(model), ['interactionModel']);
    assert.deepEqual(Object.keys(model.interactionModel), ['languageModel']);
    const fixtureLanguage = FIXTURES.map((f) => f.interactionModel.languageModel);
    assert.deepEqual(Object.keys(language()), ['invocationName', 'intents', 'types']);
    for (const key of Object.keys(language())) assert.ok(keysOf(fixtureLanguage).has(key), key);
    const intentKeys = keysOf(fixtureLanguage.flatMap((l) => l.intents));
    for (const key of keysOf(language().intents as unknown as Json[])) assert.ok(intentKeys.has(key), key);
    assert.equal(language().invocationName, 'my bank');
  });

  it('has every bankbot intent, and the built-ins Alexa expects', () => {
    const names = new Set(language().intents.map((i) => i.name));
    for (const { intent } of corpora.flatMap((c) => c.data))
      assert.ok(names.has(alexaIntentName(intent)), intent);
    for (const builtIn of BUILT_INS) assert.ok(names.has(builtIn), builtIn);
  });

  it('gives every custom intent at least 10 valid, unique sample utterances', () => {
    const seen = new Map<string, string>();
    for (const intent of language().intents) {
      if (!intent.name.startsWith('AMAZON.'))
        assert.ok(intent.samples.length >= 10, `${intent.name}: ${intent.samples.length}`);
      for (const sample of intent.samples) {
        assert.match(sample, /^[\p{Ll}' {}]+$/u, `${intent.name}: "${sample}"`);
        assert.equal(seen.get(sample), undefined, `"${sample}" in ${intent.name} and ${seen.get(sample)}`);
        seen.set(sample, intent.name);
      }
    }
  });

  it('declares exactly the slots its samples use, typed', () => {
    const types = new Set(language().types.map((t) => t.name));
    const declared = new Set<string>();
    for (const intent of language().intents) {
      const slots = new Set((intent.slots ?? []).map((s) => s.name));
      const used = new Set(intent.samples.flatMap(slotsOf));
      assert.deepEqual([...slots].sort(), [...used].sort(), intent.name);
      for (const slot of intent.slots ?? []) {
        declared.add(slot.type);
        assert.ok(slot.type.startsWith('AMAZON.') || types.has(slot.type), `${slot.type} is defined`);
      }
    }
    for (const type of ['AMAZON.DATE', 'AMAZON.NUMBER', 'AMAZON.Ordinal', 'MERCHANT', 'ACCOUNT'])
      assert.ok(declared.has(type), type);
    const search = language().intents.find((i) => i.name === 'TransactionsSearchIntent');
    assert.deepEqual(
      search?.slots?.map((s) => `${s.name}:${s.type}`),
      [
        'amount:AMAZON.NUMBER',
        'cents:AMAZON.NUMBER',
        'currency:CURRENCY',
        'comparison:COMPARISON',
        'date:AMAZON.DATE',
        'merchant:MERCHANT',
        'account:ACCOUNT',
      ],
    );
  });

  it('has CodeIntent for the voice PIN or one-time code, its digits in an AMAZON.NUMBER slot', () => {
    const code = language().intents.find((i) => i.name === 'CodeIntent');
    assert.deepEqual(code?.slots, [{ name: 'code', type: 'AMAZON.NUMBER' }]);
    assert.ok(code.samples.includes('{code}') && code.samples.includes('my pin is {code}'));
  });

  it('lists the merchants with descriptor short forms, and account words with synonyms', () => {
    const values = (name: string) => language().types.find((t) => t.name === name)?.values ?? [];
    assert.deepEqual(values('MERCHANT').find((v) => v.id === 'starbucks')?.name, {
      value: 'starbucks',
      synonyms: ['sbux'],
    });
    assert.ok(
      !values('MERCHANT').some((v) => /transfer|payroll|interest/.test(v.name.value)),
      'no transfers, pay or interest',
    );
    assert.ok(
      values('ACCOUNT')
        .find((v) => v.id === 'checking')
        ?.name.synonyms?.includes('debit card'),
    );
  });

  it('takes the invocation name as an option', () => {
    const named = buildInteractionModel(corpora, { invocationName: 'acme bank', merchants: [] });
    assert.equal(named.interactionModel.languageModel.invocationName, 'acme bank');
  });

  it('refuses an intent with fewer than 10 samples', () => {
    const thin: Corpus = {
      name: 'thin',
      locale: 'en-US',
      file: 'thin.json',
      data: [{ intent: 'thin.one', utterances: ['one', 'two'], tests: [] }],
    };
    assert.throws(
      () => buildInteractionModel([thin], { merchants: [] }),
      /ThinOneIntent \(thin\.one\) has 2 samples/,
    );
  });
});

describe('alexa sample utterances', () => {
  const vocabulary = {
    merchants: ['starbucks', 'sbux', "joe's pizza"],
    accounts: phrasesOf(ACCOUNT_VALUES),
    comparisons: phrasesOf(COMPARISON_VALUES),
  };
  const cases: [string, string | undefined][] = [
    ['Show me payments over $100 last month', 'show me payments {comparison} {amount} {currency} {date}'],
    ['was this charge from SBUX for 7.56 me', 'was this charge from {merchant} for {amount} {cents} me'],
    [
      "what is this $42.10 charge at Joe's Pizza?",
      'what is this {amount} {currency} and {cents} charge at {merchant}',
    ],
    ['please freeze my debit card', 'please freeze my {account}'],
    ['lock the card ending 4821', undefined],
  ];
  for (const [utterance, sample] of cases) {
    it(`turns "${utterance}" into ${sample === undefined ? 'nothing (digits)' : `"${sample}"`}`, () =>
      assert.equal(toSample(utterance, vocabulary), sample));
  }

  it('keeps conversation sentences literal, without slots', () => {
    assert.equal(toSample("What's the weather in London tomorrow?"), "what's the weather in london tomorrow");
  });
});

describe('npm run alexa:model', () => {
  it('writes the model to --out and prints the path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bankbot-alexa-model-'));
    try {
      const out = join(dir, 'model.json');
      const printed = execFileSync(
        process.execPath,
        [
          '--import',
          'tsx',
          'adapters/channels/alexa/model-cli.ts',
          '--out',
          out,
          '--invocation-name',
          'test bank',
        ],
        { encoding: 'utf8' },
      );
      assert.equal(printed.trim(), out);
      const written = JSON.parse(readFileSync(out, 'utf8')) as InteractionModel;
      assert.equal(written.interactionModel.languageModel.invocationName, 'test bank');
      const expected = buildInteractionModel(loadCorpora('nlu-models', 'en'), { merchants: [] });
      assert.deepEqual(
        written.interactionModel.languageModel.intents.map((i) => i.name),
        expected.interactionModel.languageModel.intents.map((i) => i.name),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

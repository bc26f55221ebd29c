/**
 * The rendering fast paths against the algorithms they replaced (kept here as references, as they
 * were): the same strings, atom for atom, over varied amounts, currencies and locales.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { renderAlexaResponse } from '../../adapters/channels/alexa/response-renderer.js';
import {
  escapeXml,
  phraseAtoms,
  spokenDate,
  spokenMoney,
  spokenText,
  toSsml,
  type SpeechAtom,
} from '../../adapters/channels/alexa/speech.js';
import { maskNumber, maskNumbers } from '../../bot/disclosure/redact.js';
import { dayIn } from '../../bot/intl-cache.js';
import { currencyExponent, formatMoney, toDecimalString, type Money } from '../../bot/money.js';
import { renderPhrase, renderSpeech, renderText, type RenderOptions } from '../../bot/render-text.js';
import { amount, day, reply, sensitive, type Part, type Phrase, type Reply } from '../../bot/reply.js';
import { toActivity } from '../../bot/turn.js';

// ---- the replaced algorithms, as they were ----

function oldDecimal(value: Money): string {
  const exponent = currencyExponent(value.currency);
  const digits = Math.abs(value.minor)
    .toString()
    .padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = exponent > 0 ? `.${digits.slice(digits.length - exponent)}` : '';
  return `${value.minor < 0 ? '-' : ''}${whole}${fraction}`;
}

const decimalFormat = (locale: string, options: Intl.NumberFormatOptions = {}) =>
  new Intl.NumberFormat(locale, options).format as unknown as (decimal: string) => string;

function oldFormatMoney(value: Money, locale: string): string {
  const options = {
    style: 'currency',
    currency: value.currency,
    minimumFractionDigits: currencyExponent(value.currency),
  } as const;
  return decimalFormat(locale, options)(oldDecimal(value));
}

const WORDS: Readonly<Record<string, readonly [string, string, string, string]>> = {
  USD: ['dollar', 'dollars', 'cent', 'cents'],
  GBP: ['pound', 'pounds', 'penny', 'pence'],
  EUR: ['euro', 'euros', 'cent', 'cents'],
};

function oldSpokenMoney(value: Money, locale: string): string {
  const decimal = oldDecimal(value).replace('-', '');
  const sign = value.minor < 0 ? 'minus ' : '';
  const words = WORDS[value.currency];
  if (!words || !locale.startsWith('en')) {
    const format = decimalFormat(locale, {
      style: 'currency',
      currency: value.currency,
      currencyDisplay: 'name',
    });
    return `${sign}${format(decimal)}`;
  }
  const [units = '0', fraction = ''] = decimal.split('.');
  const grouped = decimalFormat(locale)(units);
  const major = `${grouped} ${units === '1' ? words[0] : words[1]}`;
  const minor = Number(fraction || '0');
  const minorWords = `${minor} ${minor === 1 ? words[2] : words[3]}`;
  if (minor === 0) return `${sign}${major}`;
  return units === '0' ? `${sign}${minorWords}` : `${sign}${major} and ${minorWords}`;
}

function oldEscapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) =>
      `&${({ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' } as Record<string, string>)[c]};`,
  );
}

function oldSpokenText(part: string): string {
  return part
    .replace(/\s*\(/g, ', ')
    .replace(/\)(?=[.,?!:;])/g, '')
    .replace(/\)/g, ',')
    .replace(/•/g, '');
}

function oldToSsml(atoms: readonly SpeechAtom[], limit: number): string {
  const open = '<speak>';
  const close = '</speak>';
  let budget = limit - open.length - close.length;
  let body = '';
  for (const atom of atoms) {
    const piece = 'ssml' in atom ? atom.ssml : oldEscapeXml(atom.text);
    if (piece.length <= budget) {
      body += piece;
      budget -= piece.length;
      continue;
    }
    if ('text' in atom) {
      const cut = piece.lastIndexOf(' ', budget);
      if (cut > 0) body += piece.slice(0, cut);
    }
    break;
  }
  return `${open}${body.replace(/\s+/g, ' ').trim()}${close}`;
}

function oldAtomOf(part: Part, options: RenderOptions): SpeechAtom[] {
  if (typeof part === 'string') return [{ text: part }];
  switch (part.kind) {
    case 'money':
      return [{ text: oldSpokenMoney(part.value, options.locale) }];
    case 'date': {
      const iso = part.iso;
      const dayOf = /^\d{4}-\d{2}-\d{2}$/.test(iso)
        ? iso
        : new Intl.DateTimeFormat('en-CA', { timeZone: options.timeZone }).format(new Date(iso));
      return [{ ssml: `<say-as interpret-as="date">????${dayOf.slice(5, 7)}${dayOf.slice(8, 10)}</say-as>` }];
    }
    case 'text': {
      const digits = /^[•*x.\s]*(\d{2,6})$/i.exec(part.value)?.[1];
      return part.sensitivity === 'accountNumber' && digits
        ? [{ text: 'ending in ' }, { ssml: `<say-as interpret-as="digits">${digits}</say-as>` }]
        : [{ text: part.value }];
    }
  }
}

function oldPhraseAtoms(phrase: Phrase, options: RenderOptions): SpeechAtom[] {
  const atoms: SpeechAtom[] = [];
  for (const atom of phrase.flatMap((part) => oldAtomOf(part, options))) {
    const last = atoms.at(-1);
    if ('text' in atom && last && 'text' in last) atoms[atoms.length - 1] = { text: last.text + atom.text };
    else atoms.push(atom);
  }
  return atoms.map((atom) => ('text' in atom ? { text: oldSpokenText(atom.text) } : atom));
}

function oldFormatDate(iso: string, options: RenderOptions): string {
  const isDay = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  const date = new Date(isDay ? `${iso}T12:00:00Z` : iso);
  const timeZone = isDay ? 'UTC' : options.timeZone;
  return new Intl.DateTimeFormat(options.locale, { month: 'short', day: 'numeric', timeZone }).format(date);
}

function oldRenderPart(part: Part, options: RenderOptions): string {
  if (typeof part === 'string') return part;
  if (part.kind === 'money') return oldFormatMoney(part.value, options.locale);
  return part.kind === 'date' ? oldFormatDate(part.iso, options) : part.value;
}

function oldRenderPhrase(phrase: Phrase, options: RenderOptions): string {
  return phrase.map((part) => oldRenderPart(part, options)).join('');
}

function oldRenderText(value: Reply, options: RenderOptions): string {
  const lines = [oldRenderPhrase(value.text, options)];
  for (const item of value.items ?? []) {
    const subtitle = item.subtitle ? ` (${oldRenderPhrase(item.subtitle, options)})` : '';
    lines.push(`• ${oldRenderPhrase(item.title, options)}${subtitle}`);
  }
  return lines.join('\n');
}

function oldMaskNumbers(value: Reply, digits: number): Reply {
  const change = (phrase: Phrase): Phrase =>
    phrase.map((part) =>
      typeof part !== 'string' && part.kind === 'text' && part.sensitivity === 'accountNumber'
        ? { ...part, value: maskNumber(part.value, digits) }
        : part,
    );
  return {
    ...value,
    text: change(value.text),
    ...(value.speech ? { speech: change(value.speech) } : {}),
    ...(value.items
      ? {
          items: value.items.map((item) => ({
            title: change(item.title),
            ...(item.subtitle ? { subtitle: change(item.subtitle) } : {}),
          })),
        }
      : {}),
  };
}

// ---- generators ----

const CURRENCIES = ['USD', 'GBP', 'EUR', 'JPY', 'BHD', 'CHF', 'KRW', 'INR'];
const LOCALES = ['en-US', 'en-GB', 'es-ES', 'de-DE', 'en-IN', 'en-AU', 'en-ZA', 'en-001', 'fr-FR', 'ja-JP'];
const ZONES = ['America/New_York', 'Europe/London', 'Asia/Kolkata', 'UTC'];

const minorArb = fc.oneof(
  fc.integer({ min: -1100, max: 1100 }),
  fc.integer({ min: -10_000_000, max: 10_000_000 }),
  fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
  fc.constantFrom(0, -0, 1, -1, 99, 100, 101, 999, 1000, 99999, 100000, 123456789),
);
const moneyArb = fc.record({ minor: minorArb, currency: fc.constantFrom(...CURRENCIES) });
const optionsArb = fc.record({ locale: fc.constantFrom(...LOCALES), timeZone: fc.constantFrom(...ZONES) });

const textArb = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    ' (',
    ')',
    '). ',
    ') ',
    '•',
    ' balance is ',
    ', with ',
    ' & <b> "q" \'a\'',
    ':',
    '',
    ' ( x ) ',
  ),
);
const partArb: fc.Arbitrary<Part> = fc.oneof(
  textArb,
  moneyArb.map((value) => amount(value, 'balance')),
  fc
    .date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2040-01-01T00:00:00Z'),
      noInvalidDate: true,
    })
    .chain((at) => fc.constantFrom(day(at.toISOString().slice(0, 10)), day(at.toISOString()))),
  fc
    .constantFrom('••6789', '****1234', 'x12', '12345678', '1234567', '(5556)', 'Visa', '', '• 42')
    .chain((value) => fc.constantFrom(sensitive(value, 'accountNumber'), sensitive(value, 'transaction'))),
);
const phraseArb = fc.array(partArb, { maxLength: 10 });
const replyArb = fc
  .record({
    text: phraseArb,
    speech: fc.option(phraseArb, { nil: undefined }),
    items: fc.option(
      fc.array(fc.record({ title: phraseArb, subtitle: fc.option(phraseArb, { nil: undefined }) }), {
        maxLength: 4,
      }),
      { nil: undefined },
    ),
  })
  .map(({ text, speech, items }) =>
    reply(text, {
      ...(speech ? { speech } : {}),
      ...(items
        ? { items: items.map(({ title, subtitle }) => (subtitle ? { title, subtitle } : { title })) }
        : {}),
    }),
  );

describe('rendering equivalence with the replaced algorithms', () => {
  it('formats money and decimals as before, in every locale and currency (incl. JPY, negatives)', () => {
    fc.assert(
      fc.property(moneyArb, fc.constantFrom(...LOCALES), (value, locale) => {
        assert.equal(toDecimalString(value), oldDecimal(value));
        assert.equal(formatMoney(value, locale), oldFormatMoney(value, locale));
      }),
      { numRuns: 2000 },
    );
  });

  it('says money as before', () => {
    fc.assert(
      fc.property(moneyArb, fc.constantFrom(...LOCALES), (value, locale) =>
        assert.equal(spokenMoney(value, locale), oldSpokenMoney(value, locale)),
      ),
      { numRuns: 2000 },
    );
  });

  it('groups spoken amounts of every length as Intl does, in English locales that group otherwise too', () => {
    const english = [
      'en-US',
      'en-GB',
      'en-IN',
      'en-ZA',
      'en-001',
      'en-150',
      'en-CH',
      'en-SE',
      'en-DK',
      'en',
      'en-NZ',
    ];
    for (const locale of english)
      for (let digits = 1; digits <= 16; digits += 1)
        for (const lead of ['1', '9']) {
          const minor = Number(`${lead}${'0'.repeat(digits - 1)}`) + 7;
          if (!Number.isSafeInteger(minor)) continue;
          for (const currency of ['USD', 'GBP', 'EUR']) {
            const value = { minor, currency };
            assert.equal(spokenMoney(value, locale), oldSpokenMoney(value, locale), `${locale} ${minor}`);
          }
        }
  });

  it('escapes XML as before', () => {
    fc.assert(
      fc.property(fc.string(), textArb, (a, b) => assert.equal(escapeXml(a + b), oldEscapeXml(a + b))),
    );
  });

  it('reads pauses as before, in one pass, around any spaces', () => {
    const pausy = fc
      .array(
        fc.constantFrom(
          '(',
          ')',
          '•',
          ' ',
          '  ',
          '\t',
          '\n',
          '\u00a0',
          '\u2003',
          '\ufeff',
          '\u200b',
          'a',
          '.',
        ),
        { maxLength: 16 },
      )
      .map((pieces) => pieces.join(''));
    const punctuated = fc
      .array(fc.constantFrom('(', ')', '•', ' ', ',', '?', '!', ':', ';', '-', 'x', '\r', '\u3000'), {
        maxLength: 12,
      })
      .map((pieces) => pieces.join(''));
    fc.assert(
      fc.property(fc.oneof(pausy, punctuated, textArb, fc.string()), (text) =>
        assert.equal(spokenText(text), oldSpokenText(text)),
      ),
      { numRuns: 5000 },
    );
    for (let code = 0; code < 0x10000; code += 1) {
      const c = String.fromCharCode(code);
      for (const text of [`a${c}(b`, `a)${c}(b`, `a)${c}`, `(${c}${c})`])
        assert.equal(
          spokenText(text),
          oldSpokenText(text),
          `U+${code.toString(16)} in ${JSON.stringify(text)}`,
        );
    }
  });

  it('writes the same SSML from any atoms, at any limit', () => {
    const atomArb: fc.Arbitrary<SpeechAtom> = fc.oneof(
      fc
        .oneof(textArb, fc.constantFrom(' ', '  ', ' a ', '\t\n', '\u00a0x', 'a\u2028b', '& <'))
        .map((text) => ({ text })),
      fc
        .constantFrom('<break strength="strong"/>', '<say-as interpret-as="digits">1234</say-as>', ' ', '')
        .map((ssml) => ({ ssml })),
    );
    fc.assert(
      fc.property(fc.array(atomArb, { maxLength: 12 }), fc.integer({ min: 15, max: 120 }), (atoms, limit) => {
        assert.equal(toSsml(atoms, limit), oldToSsml(atoms, limit));
        assert.equal(toSsml(atoms, 8000), oldToSsml(atoms, 8000));
      }),
      { numRuns: 3000 },
    );
    for (let code = 0; code < 0x10000; code += 1) {
      const c = String.fromCharCode(code);
      for (const text of [`a${c}b`, `a ${c}b`, `a${c} b`, `${c}a`, `a${c}`, `${c}${c}`])
        assert.equal(
          toSsml([{ text }], 8000),
          oldToSsml([{ text }], 8000),
          `U+${code.toString(16)} in ${JSON.stringify(text)}`,
        );
    }
  });

  it('builds the same speech atoms from any phrase', () => {
    fc.assert(
      fc.property(phraseArb, optionsArb, (phrase, options) => {
        assert.deepEqual(phraseAtoms(phrase, options), oldPhraseAtoms(phrase, options));
        assert.equal(renderPhrase(phrase, options), oldRenderPhrase(phrase, options));
      }),
      { numRuns: 1000 },
    );
    assert.deepEqual(spokenDate('2026-11-18', { locale: 'en-US', timeZone: 'UTC' }), {
      ssml: '<say-as interpret-as="date">????1118</say-as>',
    });
    const at = new Date('2026-11-19T03:00:00Z');
    assert.equal(dayIn(at, 'America/New_York'), '2026-11-18');
    assert.equal(dayIn(at, 'Asia/Kolkata'), '2026-11-19');
    const reference = (instant: Date, zone: string) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(instant);
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1850, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.integer({ min: -3000, max: 3000 }),
        fc.constantFrom(...ZONES, 'Asia/Kathmandu', 'Europe/Amsterdam', 'Australia/Lord_Howe'),
        (ms, step, zone) => {
          // Two instants close together, as requests of one second are: each gets its own day.
          for (const instant of [new Date(ms), new Date(ms + step), new Date(ms)])
            assert.equal(dayIn(instant, zone), reference(instant, zone));
        },
      ),
      { numRuns: 2000 },
    );
    // Midnight in New York: the last millisecond of one day and the first of the next.
    const midnight = Date.UTC(2026, 10, 19, 5);
    assert.equal(dayIn(new Date(midnight - 1), 'America/New_York'), '2026-11-18');
    assert.equal(dayIn(new Date(midnight), 'America/New_York'), '2026-11-19');
    assert.throws(() => dayIn(new Date(Number.NaN), 'UTC'), RangeError);
  });

  it('renders text and speech as before, the second time from the memo, per locale and zone', () => {
    fc.assert(
      fc.property(replyArb, optionsArb, optionsArb, (value, first, second) => {
        for (const options of [first, second, first]) {
          assert.equal(renderText(value, options), oldRenderText(value, options));
          assert.equal(renderSpeech(value, options), oldRenderPhrase(value.speech ?? value.text, options));
          const activity = toActivity(value, options);
          assert.equal(activity.text, oldRenderText(value, options));
          assert.equal(activity.speak, oldRenderPhrase(value.speech ?? value.text, options));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('masks as before, and gives the reply itself back when nothing needs masking', () => {
    fc.assert(
      fc.property(replyArb, fc.integer({ min: 0, max: 5 }), (value, digits) => {
        const masked = maskNumbers(value, digits);
        assert.deepEqual(masked, oldMaskNumbers(value, digits));
        assert.equal(maskNumbers(masked, digits), masked, 'masking twice changes nothing');
      }),
      { numRuns: 500 },
    );
  });

  it('renders the same Alexa response for a reply rendered before and a fresh copy', () => {
    fc.assert(
      fc.property(fc.array(replyArb, { minLength: 1, maxLength: 3 }), optionsArb, (replies, options) => {
        for (const value of replies) renderText(value, options);
        const copies = replies.map((value) => structuredClone(value) as Reply);
        assert.deepEqual(renderAlexaResponse(replies, options), renderAlexaResponse(copies, options));
      }),
      { numRuns: 300 },
    );
  });
});

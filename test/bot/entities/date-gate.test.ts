import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { wallClock } from '../../../bot/entities/calendar.js';
import { entityCulture } from '../../../bot/entities/culture.js';
import { mayContainDate } from '../../../bot/entities/date-gate.js';
import { findDateEntities } from '../../../bot/entities/dates.js';

const clock = wallClock(new Date('2026-11-21T15:00:00Z'), 'UTC');

function rangeOf(text: string, locale: string, useGate: boolean): unknown {
  return findDateEntities(text, text.toLowerCase(), entityCulture(locale), clock, useGate).dateRange;
}

const dateWords =
  `today tonight yesterday tomorrow week weekend month year fortnight quarter morning evening night
  monday tues wednesday thurs fri saturday sun january feb march apr may june july aug sept october nov december
  christmas easter thanksgiving halloween spring summer fall winter days ago
  hoy ayer anoche mañana semana mes año lunes martes miércoles jueves viernes sábado domingo enero marzo
  octubre noviembre diciembre navidad verano finde`.split(/\s+/);

const otherWords =
  `what whats my the a an last next this past previous since until before after from to on in at of
  balance charge spend spent show transactions card account checking savings credit visa freeze money pay
  now recently lately soon later earlier currently moment eve second minute hour dawn noon midnight
  one two three first second third half dozen couple few several pending refund dispute starbucks amazon
  el la de en mi que cuanto gaste cargo saldo tarjeta ahora pronto luego antes despues pasado proximo ultimo`.split(
    /\s+/,
  );

describe('mayContainDate', () => {
  it('lets through every date word it knows', () => {
    for (const word of dateWords) assert.equal(mayContainDate(`what about ${word}`), true, word);
  });

  it('lets through anything with a digit', () => {
    assert.equal(mayContainDate('the 3'), true);
    assert.equal(mayContainDate('١٢'), true);
  });

  it('turns away ordinary banking talk', () => {
    for (const text of [
      "what's my balance",
      'show my transactions',
      'freeze my card',
      'was this charge me',
    ]) {
      assert.equal(mayContainDate(text), false, text);
    }
  });

  it('never changes the date range the recogniser would find', () => {
    const sentence = fc
      .tuple(
        fc.array(fc.constantFrom(...otherWords), { minLength: 1, maxLength: 5 }),
        fc.option(fc.constantFrom(...dateWords)),
        fc.nat(),
      )
      .map(([words, dateWord, at]) =>
        dateWord === null ? words : words.toSpliced(at % (words.length + 1), 0, dateWord),
      );
    fc.assert(
      fc.property(sentence, fc.constantFrom('en-US', 'en-GB', 'es-ES'), (words, locale) => {
        const text = words.join(' ');
        assert.deepEqual(rangeOf(text, locale, true), rangeOf(text, locale, false), text);
      }),
      { numRuns: 500 },
    );
  });
});

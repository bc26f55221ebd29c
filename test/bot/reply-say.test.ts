import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { amount, day, say, sensitive, type Part, type Phrase } from '../../bot/reply.js';

/** `say` as first written (forEach and spread): the reference the loop version must agree with. */
function referenceSay(strings: TemplateStringsArray, ...values: readonly (Part | Phrase | number)[]): Phrase {
  const parts: Part[] = [];
  strings.forEach((chunk, index) => {
    if (chunk) parts.push(chunk);
    const value = values[index];
    if (value === undefined) return;
    if (typeof value === 'number') parts.push(String(value));
    else if (Array.isArray(value)) parts.push(...(value as Phrase));
    else parts.push(value as Part);
  });
  return parts;
}

describe('say', () => {
  it('builds the same phrase as the reference for varied interpolations', () => {
    const money = amount({ minor: -4210, currency: 'USD' }, 'balance');
    const label = say`Everyday Checking (${sensitive('••6789', 'accountNumber')})`;
    const cases: [Phrase, Phrase][] = [
      [say``, referenceSay``],
      [say`plain`, referenceSay`plain`],
      [say`${money}`, referenceSay`${money}`],
      [say`${label}${money}`, referenceSay`${label}${money}`],
      [
        say`Your ${label} balance is ${money}, on ${day('2026-11-20')}.`,
        referenceSay`Your ${label} balance is ${money}, on ${day('2026-11-20')}.`,
      ],
      [say`${3} items, ${0} left, ${[]} none ${[]}`, referenceSay`${3} items, ${0} left, ${[]} none ${[]}`],
      [say`a${say`b${say`c${money}d`}e`}f`, referenceSay`a${referenceSay`b${referenceSay`c${money}d`}e`}f`],
    ];
    for (const [actual, expected] of cases) assert.deepStrictEqual(actual, expected);
  });
});

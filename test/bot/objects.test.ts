import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { withFields } from '../../bot/objects.js';

const key = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom('__proto__', 'constructor', 'eTag', 'a', 'b'),
);
const record = fc.dictionary(key, fc.oneof(fc.integer(), fc.string(), fc.constant(undefined)), {
  maxKeys: 6,
});

/** Own keys, values and prototype: what tells two objects apart for a reader. */
const shape = (value: object) => ({
  proto: Object.getPrototypeOf(value) as unknown,
  entries: Reflect.ownKeys(value).map((k) => [k, (value as Record<string | symbol, unknown>)[k]]),
});

describe('withFields', () => {
  it('makes what the spread makes, "__proto__" keys included', () => {
    fc.assert(
      fc.property(record, record, record, (base, a, b) => {
        // JSON.parse makes "__proto__" an own key, as data from storage would carry it.
        const [x, y, z] = [base, a, b].map((r) => JSON.parse(JSON.stringify(r)) as Record<string, unknown>);
        assert.deepEqual(shape(withFields(x, y, z)), shape({ ...x, ...y, ...z }));
        assert.equal(Object.getPrototypeOf(withFields(x, y)), Object.prototype);
      }),
      { numRuns: 500 },
    );
  });

  it('copies symbol keys and takes undefined parts as empty, like the spread', () => {
    const tag = Symbol('tag');
    const made = withFields({ [tag]: 1, a: 1 }, undefined, { b: 2 });
    assert.deepEqual(shape(made), shape({ [tag]: 1, a: 1, b: 2 }));
  });

  it('gives every object it makes one shared hidden class, where the spread literal gives each its own', () => {
    // V8's own answer (%HaveSameMap), in a child process started with --allow-natives-syntax.
    const script = `
      const { withFields } = await import(${JSON.stringify(new URL('../../bot/objects.ts', import.meta.url).href)});
      const make = (i) => ({ type: 'message', text: 'x' + i });
      const ours = [], spread = [];
      for (let i = 0; i < 200; i++) { ours.push(withFields(make(i), { eTag: String(i) })); spread.push({ ...make(i), eTag: String(i) }); }
      const same = (list) => list.filter((o) => %HaveSameMap(o, list.at(-1))).length;
      console.log(JSON.stringify({ ours: same(ours), spread: same(spread) }));`;
    const out = execFileSync(
      process.execPath,
      ['--allow-natives-syntax', '--import', 'tsx', '--input-type=module', '-e', script],
      {
        encoding: 'utf8',
      },
    );
    const { ours, spread } = JSON.parse(out) as { ours: number; spread: number };
    assert.equal(ours, 200, 'withFields: one map for all');
    // Printed, not asserted: a later V8 may fix the spread; the product only relies on withFields.
    console.log(`  spread literal: ${spread} of 200 objects share the last one's map`);
  });
});

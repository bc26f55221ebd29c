import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { dialogCorpus } from '../../bot/cli/dialog-corpus.js';
import { registerDialog } from '../../bot/cli/dialog-files.js';
import { dialogNames } from '../../bot/cli/dialog-names.js';

describe('dialogNames', () => {
  it('derives the intent, the export and the phrase from the id', () => {
    assert.deepEqual(dialogNames('loan-payoff'), {
      id: 'loan-payoff',
      intent: 'loan.payoff',
      exportName: 'loanPayoff',
      phrase: 'loan payoff',
    });
    assert.equal(dialogNames('mortgage-rate-change').intent, 'mortgage.rateChange');
    assert.equal(dialogNames('overdraft').intent, 'overdraft.ask');
  });

  it('refuses ids that are not kebab-case letters', () => {
    for (const id of ['Loan', 'loan_payoff', 'loan--payoff', '-loan', 'isa2', 'loan-'])
      assert.throws(() => dialogNames(id), /kebab-case/, id);
  });
});

describe('dialogCorpus', () => {
  const names = dialogNames('loan-payoff');

  it('writes at least 20 utterances and 5 tests, each naming the phrase, none repeated', () => {
    const [intent] = dialogCorpus(names, new Set()).data;
    const all = [...(intent?.utterances ?? []), ...(intent?.tests ?? [])];
    assert.ok((intent?.utterances.length ?? 0) >= 20);
    assert.ok((intent?.tests.length ?? 0) >= 5);
    assert.equal(new Set(all).size, all.length);
    for (const sentence of all) assert.match(sentence, /loan payoff/);
  });

  it('leaves out sentences other corpora already have, whatever their case', () => {
    const [intent] = dialogCorpus(names, new Set(['What is my  LOAN payoff', 'loan payoff please'])).data;
    assert.ok(!intent?.utterances.includes('what is my loan payoff'));
    assert.ok(!intent?.tests.includes('loan payoff please'));
  });
});

describe('registerDialog', () => {
  it('imports the dialog in path order and appends it to the list', () => {
    const index = readFileSync('dialogs/index.ts', 'utf8');
    const updated = registerDialog(index, dialogNames('loan-payoff')).split('\n');
    const imports = updated.filter((line) => line.startsWith('import {'));
    const paths = imports.map((line) => /from '(.+)'/.exec(line)?.[1] ?? '');
    assert.ok(imports.includes("import { loanPayoff } from './loan-payoff.dialog.js';"));
    assert.deepEqual(paths, [...paths].sort());
    const end = updated.indexOf('];');
    assert.equal(updated[end - 1], '  loanPayoff,');
    assert.equal(updated.length, index.split('\n').length + 2);
  });
});

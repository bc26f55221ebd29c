/**
 * `npm run alexa:model [-- --out <file>] [--invocation-name "<name>"] [--models <dir>]`:
 * writes the en-US interaction model built from nlu-models/en and prints its path.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createSandboxBank } from '../../banks/sandbox.bank.js';
import { loadCorpora } from '../../../bot/nlu/corpus.js';
import type { Merchant } from '../../../bot/ports/bank.port.js';
import { buildInteractionModel, DEFAULT_INVOCATION_NAME } from './interaction-model.js';
import { merchantValues } from './model-merchants.js';

const DEFAULT_OUT = 'test-output/alexa/interaction-model.en-US.json';

/** The merchants of the sandbox's English-speaking customers: the demo bank's MERCHANT values. */
export async function sandboxMerchants(): Promise<Merchant[]> {
  const bank = createSandboxBank();
  const lists = await Promise.all(
    bank.customerIds().map(async (customerId) => {
      const profile = await bank.getProfile({ customerId });
      return profile.locale.startsWith('en') ? bank.listMerchants({ customerId }) : [];
    }),
  );
  return lists.flat();
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: DEFAULT_OUT },
      'invocation-name': { type: 'string', default: DEFAULT_INVOCATION_NAME },
      models: { type: 'string', default: 'nlu-models' },
    },
  });
  const model = buildInteractionModel(loadCorpora(values.models, 'en'), {
    invocationName: values['invocation-name'],
    merchants: merchantValues(await sandboxMerchants()),
  });
  const out = resolve(values.out);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(model, null, 2)}\n`);
  console.log(out);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.dirname, 'model-cli.ts')) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}

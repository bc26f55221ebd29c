import { resolve } from 'node:path';

export interface BenchArgs {
  readonly data?: string;
  readonly train?: string;
  readonly test?: string;
  readonly val?: string;
  readonly json?: string;
  readonly seed?: number;
  /** A subset (every fifth intent) for a smoke run. */
  readonly quick: boolean;
  /** Also train and score NLP.js's neural network with its defaults (slow: a minute on CLINC150). */
  readonly baseline: boolean;
}

/** CLINC150's train and validation splits; the test split is held back on purpose. */
export const DEFAULT_DATA = resolve('../shared/data/clinc150/clinc150-trainval.json');

const USAGE =
  'usage: npm run bench:nlu -- [--data file.json | --train a.csv --test b.csv [--val c.csv]] ' +
  '[--json out.json] [--seed n] [--quick] [--baseline]';

/** Parses `--name value` pairs and the --quick and --baseline flags; throws the usage on anything else. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i += 1) {
    const name = argv[i]!;
    if (name === '--quick' || name === '--baseline') {
      flags.add(name);
      continue;
    }
    const value = argv[i + 1];
    if (!['--data', '--train', '--test', '--val', '--json', '--seed'].includes(name) || value === undefined) {
      throw new Error(`unexpected argument "${name}"\n${USAGE}`);
    }
    values.set(name.slice(2), value);
    i += 1;
  }
  const seed = values.get('seed');
  if (seed !== undefined && !/^\d+$/.test(seed)) throw new Error(`--seed must be a whole number\n${USAGE}`);
  const csv = ['train', 'test', 'val'].filter((key) => values.has(key));
  if (csv.length > 0 && values.has('data'))
    throw new Error(`--data and CSV files exclude each other\n${USAGE}`);
  if (csv.length > 0 && !(values.has('train') && values.has('test'))) {
    throw new Error(`CSV input needs both --train and --test\n${USAGE}`);
  }
  return {
    ...Object.fromEntries(values),
    ...(seed !== undefined ? { seed: Number(seed) } : {}),
    quick: flags.has('--quick'),
    baseline: flags.has('--baseline'),
  };
}

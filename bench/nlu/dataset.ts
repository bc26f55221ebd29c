import { readFileSync } from 'node:fs';
import { parseCsv } from './csv.js';

/** A labelled sentence of a benchmark; the label `oos` marks out-of-scope. */
export interface LabelledText {
  readonly text: string;
  readonly label: string;
}

export const OOS_LABEL = 'oos';

export interface Dataset {
  /** Training sentences, out-of-scope ones included (CLINC150's train + oos_train). */
  readonly train: readonly LabelledText[];
  /** Where weights and threshold are chosen: a validation split, or none (cross-validation on train). */
  readonly selection: readonly LabelledText[];
  readonly evaluation: readonly LabelledText[];
  /** Which split `evaluation` is: 'test' or 'val'. */
  readonly evaluationSplit: 'test' | 'val';
}

const SPLITS = ['train', 'val', 'test', 'oos_train', 'oos_val', 'oos_test'] as const;

function pairs(raw: unknown, key: string, file: string): LabelledText[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new Error(`${file}: "${key}" must be a list of [text, label]`);
  return raw.map((entry: unknown, i) => {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'string') {
      throw new Error(`${file}: ${key}[${i}] must be [text, label]`);
    }
    return { text: entry[0], label: entry[1] };
  });
}

/**
 * Splits into train / selection / evaluation by the benchmark's rule: evaluate on test when there
 * is one (choosing on val), else on val (choosing by cross-validation on train).
 */
function arrange(train: LabelledText[], val: LabelledText[], test: LabelledText[], where: string): Dataset {
  if (train.length === 0) throw new Error(`${where}: no training sentences`);
  if (test.length > 0) return { train, selection: val, evaluation: test, evaluationSplit: 'test' };
  if (val.length > 0) return { train, selection: [], evaluation: val, evaluationSplit: 'val' };
  throw new Error(`${where}: nothing to evaluate on (no test and no val sentences)`);
}

/** CLINC150's layout: keys train, val, test, oos_train, oos_val, oos_test, each a list of [text, label]. */
export function loadJsonDataset(file: string): Dataset {
  const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new Error(`${file}: expected an object`);
  const split = Object.fromEntries(SPLITS.map((key) => [key, pairs(Reflect.get(raw, key), key, file)]));
  const join = (a: string, b: string): LabelledText[] => [...(split[a] ?? []), ...(split[b] ?? [])];
  return arrange(join('train', 'oos_train'), join('val', 'oos_val'), join('test', 'oos_test'), file);
}

/** A CSV file with the header `text,label`. */
export function loadCsv(file: string): LabelledText[] {
  const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'));
  const columns = header?.map((name) => name.trim().toLowerCase()) ?? [];
  const text = columns.indexOf('text');
  const label = columns.indexOf('label');
  if (text < 0 || label < 0) throw new Error(`${file}: the header must name the columns text and label`);
  return rows.map((row, i) => {
    const value = { text: row[text], label: row[label]?.trim() };
    if (value.text === undefined || !value.label)
      throw new Error(`${file}: row ${i + 2} lacks a text or a label`);
    return { text: value.text, label: value.label };
  });
}

export function loadCsvDataset(files: { train: string; test: string; val?: string }): Dataset {
  return arrange(loadCsv(files.train), files.val ? loadCsv(files.val) : [], loadCsv(files.test), files.test);
}

/** Every `step`-th in-scope label (sorted) with its sentences, and every out-of-scope sentence: --quick. */
export function subsetDataset(dataset: Dataset, step: number): Dataset {
  const labels = [...new Set(dataset.train.map(({ label }) => label))].filter((l) => l !== OOS_LABEL).sort();
  const kept = new Set([OOS_LABEL, ...labels.filter((_, i) => i % step === 0)]);
  const keep = (items: readonly LabelledText[]): LabelledText[] =>
    items.filter(({ label }) => kept.has(label));
  return {
    ...dataset,
    train: keep(dataset.train),
    selection: keep(dataset.selection),
    evaluation: keep(dataset.evaluation),
  };
}

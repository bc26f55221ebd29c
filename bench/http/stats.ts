/** Pure helpers for the benchmark report: percentiles, ratios and a plain-text table. */

/** The q-quantile (0..1) of `values` by the nearest-rank method; NaN for no values. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  if (!(q >= 0 && q <= 1)) throw new RangeError('percentile: q must be within 0..1');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1]!;
}

export const median = (values: readonly number[]): number => percentile(values, 0.5);

/** `part / whole`, rounded to 2 decimals; NaN when the whole is not a positive number. */
export function ratio(part: number, whole: number): number {
  return whole > 0 && Number.isFinite(part) ? Math.round((part / whole) * 100) / 100 : Number.NaN;
}

/** A ratio as `0.23×`, or `n/a`. */
export function formatRatio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a';
}

/** A number with `digits` decimals, or `n/a` for NaN / undefined. */
export function formatNumber(value: number | undefined, digits = 0): string {
  return value !== undefined && Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

/** Columns padded to their widest cell; the first column left-aligned, the others right-aligned. */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) =>
      row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '),
    )
    .join('\n');
}

/** Per-command call counts from `INFO commandstats` (`cmdstat_get:calls=3,...`). */
export function parseCommandStats(info: string): Map<string, number> {
  const calls = new Map<string, number>();
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) calls.set(match[1]!, Number(match[2]));
  return calls;
}

/** Calls per command between two `parseCommandStats` snapshots, leaving out `ignore`d commands. */
export function commandDelta(
  before: ReadonlyMap<string, number>,
  after: ReadonlyMap<string, number>,
  ignore: readonly string[] = [],
): Map<string, number> {
  const delta = new Map<string, number>();
  for (const [command, calls] of after) {
    const diff = calls - (before.get(command) ?? 0);
    if (diff > 0 && !ignore.includes(command)) delta.set(command, diff);
  }
  return delta;
}

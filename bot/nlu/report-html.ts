import type { LanguageReport } from './report.js';

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const pct = (value: number): string => `${(100 * value).toFixed(1)}%`;

/** A horizontal bar per intent: its F1, with precision and recall in the tooltip. */
function chart({ metrics }: LanguageReport): string {
  const rows = metrics.perIntent;
  const bar = 18;
  const width = 640;
  const label = 200;
  const bars = rows.map((m, i) => {
    const y = i * bar;
    const w = Math.round((width - label - 60) * m.f1);
    const colour = m.f1 >= 0.95 ? '#2e7d32' : m.f1 >= 0.85 ? '#f9a825' : '#c62828';
    return (
      `<g><title>${escape(m.intent)}: precision ${pct(m.precision)}, recall ${pct(m.recall)}</title>` +
      `<text x="${label - 6}" y="${y + 13}" text-anchor="end">${escape(m.intent)}</text>` +
      `<rect x="${label}" y="${y + 3}" width="${w}" height="${bar - 6}" fill="${colour}"/>` +
      `<text x="${label + w + 4}" y="${y + 13}">${pct(m.f1)}</text></g>`
    );
  });
  return `<svg role="img" aria-label="F1 per intent" width="${width}" height="${rows.length * bar}" font-size="12">${bars.join('')}</svg>`;
}

function table({ metrics }: LanguageReport): string {
  const rows = metrics.perIntent.map(
    (m) =>
      `<tr><td>${escape(m.intent)}</td><td>${pct(m.precision)}</td><td>${pct(m.recall)}</td>` +
      `<td>${pct(m.f1)}</td><td>${m.support}</td></tr>`,
  );
  return `<table><tr><th>intent</th><th>precision</th><th>recall</th><th>F1</th><th>tests</th></tr>${rows.join('')}</table>`;
}

/** Rows are the expected intents, columns the answers; the diagonal is right. */
function confusion({ metrics }: LanguageReport): string {
  const labels = metrics.perIntent.map(({ intent }) => intent);
  const head = labels.map((l, i) => `<th title="${escape(l)}">${i + 1}</th>`).join('');
  const rows = labels.map((expected, i) => {
    const row = metrics.confusion.get(expected);
    const cells = labels.map((predicted) => {
      const n = row?.get(predicted) ?? 0;
      const style = n === 0 ? '' : expected === predicted ? ' class="right"' : ' class="wrong"';
      return `<td${style}>${n || ''}</td>`;
    });
    return `<tr><th>${i + 1}. ${escape(expected)}</th>${cells.join('')}</tr>`;
  });
  return `<table class="confusion"><tr><th>expected \\ answered</th>${head}</tr>${rows.join('')}</table>`;
}

function section(report: LanguageReport): string {
  const { metrics } = report;
  const misses = report.misses.map(
    (m) => `<li>${escape(m.text)}: expected ${escape(m.expected)}, got ${escape(m.predicted)}</li>`,
  );
  return [
    `<h2>${escape(report.language)}</h2>`,
    `<p>${report.tests} held-out tests: ${pct(report.accuracy)} right; in scope ${pct(metrics.inScopeAccuracy)}, ` +
      `out-of-scope recall ${pct(metrics.oosRecall)}, macro-F1 ${pct(metrics.macroF1)}; ` +
      `with a typo in every word of 4+ letters ${pct(report.typoAccuracy)}.</p>`,
    chart(report),
    table(report),
    '<h3>Confusion matrix</h3>',
    confusion(report),
    `<h3>Misses</h3><ul>${misses.join('') || '<li>none</li>'}</ul>`,
  ].join('\n');
}

const STYLE =
  'body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}' +
  'td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}th{background:#f4f4f4}' +
  '.confusion td{min-width:1.5em}.right{background:#c8e6c9}.wrong{background:#ffcdd2}';

/** A self-contained page (no script, no external file) for the held-out evaluation of every language. */
export function renderReport(reports: readonly LanguageReport[], generated: Date): string {
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bankbot NLU report</title>',
    `<style>${STYLE}</style></head><body>`,
    `<h1>bankbot NLU report</h1><p>Held-out tests of nlu-models/, ${generated.toISOString()}.</p>`,
    ...reports.map(section),
    '</body></html>',
  ].join('\n');
}

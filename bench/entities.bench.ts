/**
 * Cost of entity extraction per text turn. Not a test (no thresholds): prints figures.
 * Run: node --import tsx test/bot/entities/extract.bench.ts
 */
import { performance } from 'node:perf_hooks';
import { wallClock } from '../bot/entities/calendar.js';
import { entityCulture } from '../bot/entities/culture.js';
import { findDateEntities } from '../bot/entities/dates.js';
import { extractEntities, warmUpEntities } from '../bot/entities/extract.js';
import { matchMerchants } from '../bot/entities/merchant-match.js';
import type { Merchant } from '../bot/ports/bank.port.js';

const english = `what's my balance|show my transactions|freeze my card|was this charge me|yes|no thanks
how much do I have in savings|talk to a human please|I don't recognise this payment at Starbucks
was the $42.10 at Starbucks last Tuesday me?|how much did I spend last month|what did I spend at Tesco yesterday
the second one|number 3|the last one|first|show me transactions from 1 to 15 November
transfer $1,200 to savings|I paid 42 dollars at Whole Foods on Monday|it was forty two bucks
spending in October|since March 3|in the last 30 days|over the past two weeks|any pending charges this week
what do I owe on my visa|unfreeze my mastercard|balance of all my accounts|was it £12.50 at Pret
I spent 20 quid at Sainsbury's on the 3rd of November|dispute the 42.10 charge|cancel|hi there
what's my available balance on my checking account ending 6789|refund from Amazon Prime last week`.split(
  /[|\n]/,
);
const spanish = `cuál es mi saldo|mis movimientos|bloquea mi tarjeta|no reconozco este cargo|sí|no gracias
cuánto gasté el mes pasado|un cargo de 42,10 € en Mercadona el martes pasado|el segundo|número 3|el último
qué gasté ayer|desde el 3 de marzo|los últimos 30 días|del 1 al 15 de noviembre|saldo de mi cuenta de ahorro
pagué doce euros en El Corte Inglés|la semana pasada|quiero hablar con una persona|cancelar`.split(/[|\n]/);

const now = new Date('2026-11-21T15:00:00Z');

interface Sample {
  readonly wall: number;
  readonly cpu: number;
}

/** Wall time, and CPU time, which stays meaningful on a busy machine (other processes preempting). */
function time(run: () => void): Sample {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  run();
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

function stats(label: string, samples: readonly Sample[]): void {
  const describe = (values: number[]): string => {
    const sorted = values.sort((a, b) => a - b);
    const at = (q: number) =>
      (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(2);
    return `median ${at(0.5)} p95 ${at(0.95)} max ${at(1)}`;
  };
  const wall = describe(samples.map((sample) => sample.wall));
  const cpu = describe(samples.map((sample) => sample.cpu));
  console.log(`${label.padEnd(40)} n=${samples.length}  wall ms: ${wall}  |  cpu ms: ${cpu}`);
}

const coldEnglish = time(() => warmUpEntities(['en-US', 'en-GB'])).wall;
const coldSpanish = time(() => warmUpEntities(['es-ES'])).wall;
console.log(`warmUpEntities: en-US + en-GB ${coldEnglish.toFixed(0)} ms, es-ES ${coldSpanish.toFixed(0)} ms`);

const ROUNDS = 10;
for (const [locale, corpus] of [
  ['en-US', english],
  ['es-ES', spanish],
] as const) {
  const samples: Sample[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const text of corpus)
      samples.push(time(() => extractEntities(text, { locale, timeZone: 'America/New_York', now })));
  }
  stats(`extractEntities ${locale}`, samples);
  const culture = entityCulture(locale);
  const clock = wallClock(now, 'America/New_York');
  for (const useGate of [true, false]) {
    const dateSamples = Array.from({ length: ROUNDS }, () =>
      corpus.map((text) => time(() => findDateEntities(text, text.toLowerCase(), culture, clock, useGate))),
    ).flat();
    stats(`  date step ${useGate ? 'with' : 'without'} the gate`, dateSamples);
  }
}

const merchantNames =
  'Starbucks|Amazon|Amazon Prime|Best Buy|Tesco|Pret A Manger|Whole Foods Market|Trader Joe’s|Uber|Uber Eats'.split(
    '|',
  );
for (const count of [20, 200]) {
  const merchants: Merchant[] = Array.from({ length: count }, (_, i) => ({
    name: i < merchantNames.length ? (merchantNames[i] ?? '') : `Merchant ${i} Store`,
    descriptor: `MRCH${i} ${1000 + i} SEATTLE WA`,
    category: 'shopping',
  }));
  const samples = english.flatMap((text) => [0, 1, 2].map(() => time(() => matchMerchants(text, merchants))));
  stats(`matchMerchants, ${count} merchants`, samples);
}

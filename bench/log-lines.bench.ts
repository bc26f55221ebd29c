/**
 * `npm run bench:logs`: cost of the log lines one Alexa balance turn writes (alexa.request, turn,
 * the disclosure audit record) with the product logger (censored keys, pattern scrubbing, ISO time)
 * against plain pino with the same buffered destination and ISO time, as the baseline: the
 * difference is what the privacy layer costs. Both write to /dev/null. Not a test: prints.
 * Run: node --import tsx bench/log-lines.bench.ts [turns per round] [rounds]
 */
import { randomUUID } from 'node:crypto';
import { openSync } from 'node:fs';
import { pino, type Logger } from 'pino';
import { createLogger } from '../bot/logger.js';

const devNull = (): number => openSync('/dev/null', 'w');
const turns = Number(process.argv[2] ?? 20_000);
const rounds = Number(process.argv[3] ?? 6);
const requestIds = Array.from({ length: 1000 }, () => `amzn1.echo-api.request.${randomUUID()}`);

/** The three info lines of a linked Alexa balance turn, as the bot writes them. */
function turn(logger: Logger, i: number): void {
  const requestId = requestIds[i % requestIds.length];
  logger.info({ event: 'alexa.request', type: 'IntentRequest', requestId, linked: true });
  logger.info({
    event: 'turn',
    channel: 'alexa',
    intent: 'balance.check',
    score: 0.97,
    route: 'begin:balance',
  });
  logger.info({
    event: 'disclosure',
    customerId: 'cust-alex',
    conversationId: `amzn1.echo-api.session.bench-${i % 2000}`,
    channel: 'alexa',
    category: 'balance',
    via: 'voice',
  });
}

/** CPU (all threads: the async writes run on libuv's pool) per turn, yielding to the event loop
 * after each turn as a server does, so the destination's writes complete as they would there. */
async function cpuMicros(logger: Logger): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < turns; i += 1) {
    turn(logger, i);
    await new Promise(setImmediate);
  }
  const used = process.cpuUsage(start);
  return (used.user + used.system) / turns;
}

const loggers = {
  // The product's buffered destination (bufferedDestination in bot/logger.ts) for both.
  pino: pino(
    { level: 'info', base: { service: 'bankbot' }, timestamp: pino.stdTimeFunctions.isoTime },
    pino.destination({ dest: devNull(), sync: false, minLength: 4096, periodicFlush: 250 }),
  ),
  bankbot: createLogger({ level: 'info', destination: devNull() }),
};
const best = { pino: Infinity, bankbot: Infinity };
for (let round = 0; round < rounds; round += 1) {
  for (const name of ['pino', 'bankbot'] as const) {
    const us = await cpuMicros(loggers[name]);
    if (round > 0) best[name] = Math.min(best[name], us);
    console.log(`round ${round} ${name}: ${us.toFixed(2)} µs CPU per turn (3 lines)`);
  }
}
console.log(
  `best: plain pino ${best.pino.toFixed(2)} µs, bankbot's logger ${best.bankbot.toFixed(2)} µs per turn ` +
    `(${(best.bankbot / best.pino).toFixed(2)}× plain pino)`,
);

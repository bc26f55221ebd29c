/**
 * The full stack under test: createBankbot with the configured NLU, the sandbox bank and Redis
 * state, serving the Alexa route with signature verification on. The only test injection is
 * trust: the bench's own CA instead of Amazon's, and its chain served without a download.
 * Env: BENCH_REDIS_URL, BENCH_REDIS_PREFIX, BENCH_ALEXA_TRUST (JSON), LOG_LEVEL (default info),
 * RATE_LIMIT_PER_IP and RATE_LIMIT_PER_CUSTOMER (default 1000000: on, never reached; 0 turns one
 * off), RATE_LIMIT_SYNC_MS (default the product's), BENCH_WORKERS (default 1: one
 * process; above 1 the product's own worker processes, bot/workers.ts, as `WORKERS` runs them).
 */
import { createAlexaChannel } from '../../adapters/channels/alexa.channel.js';
import { CertChainError } from '../../adapters/channels/alexa/cert-chain.js';
import { loadConfig } from '../../bot/config.js';
import { createBankbot } from '../../bot/index.js';
import { createLogger } from '../../bot/logger.js';
import { listen } from '../../bot/server.js';
import { ALEXA_TEST_SKILL_ID } from '../../test/support/drivers/alexa.driver.js';
import { forkWorkers } from '../../bot/workers.js';
import { announcePort, announceWhenAllListen, benchWorkers } from './child.js';

const trust = JSON.parse(process.env.BENCH_ALEXA_TRUST ?? '{}') as {
  rootPem: string;
  url: string;
  pem: string;
};
const config = loadConfig(
  {
    NODE_ENV: 'production',
    BANK: 'sandbox',
    ALEXA_SKILL_IDS: ALEXA_TEST_SKILL_ID,
    REDIS_URL: process.env.BENCH_REDIS_URL,
    REDIS_PREFIX: process.env.BENCH_REDIS_PREFIX ?? 'bankbot-bench:',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    // The balance turn is measured as a real answer with the amount spoken, not the PIN question
    // the default voice policy (step-up) asks first.
    ALEXA_AMOUNTS: process.env.ALEXA_AMOUNTS ?? 'show',
    // Both limits on, as deployed, with ceilings the load never reaches: one load generator (one
    // address) plays one customer at thousands of turns a second, which any real limit would refuse.
    RATE_LIMIT_PER_IP: process.env.RATE_LIMIT_PER_IP ?? '1000000',
    RATE_LIMIT_PER_CUSTOMER: process.env.RATE_LIMIT_PER_CUSTOMER ?? '1000000',
    RATE_LIMIT_SYNC_MS: process.env.RATE_LIMIT_SYNC_MS,
  },
  '/nonexistent',
);
// Logs go to stdout, which the bench discards (as a shipper would take them); stderr stays for crashes.
const logger = createLogger({ level: config.LOG_LEVEL ?? 'info', destination: 1 });
const workers = benchWorkers();
// With BENCH_WORKERS above 1 the product's own worker processes serve (bot/workers.ts, as WORKERS runs them).
if (forkWorkers({ count: workers, logger })) announceWhenAllListen(workers);
else await serve();

async function serve(): Promise<void> {
  const bankbot = await createBankbot(config, logger, {
    channels: (deps) => [
      createAlexaChannel(config, deps, {
        trustedRoots: [trust.rootPem],
        fetchCertChain: async (url) => {
          if (url !== trust.url) throw new CertChainError('download answered 404');
          return trust.pem;
        },
      }),
    ],
  });
  announcePort(await listen(bankbot.createServer(), 0, '127.0.0.1'));
}

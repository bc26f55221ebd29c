/**
 * One bot instance for the multi-process alert test: the configured bot (sandbox bank, Redis state,
 * Messenger against a local Graph API, the alert worker on), settings from the environment only.
 */
import { announcePort } from '../../bench/http/child.js';
import { loadConfig } from '../../bot/config.js';
import { createBankbot } from '../../bot/index.js';
import { createLogger } from '../../bot/logger.js';
import { listen } from '../../bot/server.js';

const config = loadConfig(process.env, '/nonexistent');
const logger = createLogger({ level: config.LOG_LEVEL ?? 'warn', destination: 2 });
const bankbot = await createBankbot(config, logger);
announcePort(await listen(bankbot.createServer(), 0, '127.0.0.1'));

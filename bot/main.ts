/**
 * `npm start`: HTTP server plus a console chat as a sandbox customer (piped input works too), and
 * the web playground at /playground unless PLAYGROUND=off.
 * `npm run serve`: the HTTP server alone (the playground only with PLAYGROUND=on), in WORKERS
 *   processes (one per CPU with WORKERS=auto; state in Redis).
 *   --customer <id>   sandbox customer for the console (default SANDBOX_CUSTOMER)
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, withPlaygroundDefault, type Config } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { forkWorkers, workerCount } from './workers.js';

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`bankbot: ${error.message}\n`);
    process.exit(1);
  }
}

/** Where the playground is: a line for the person at the terminal, a log event for a server. */
function announcePlayground(path: string, host: string, port: number, chat: boolean, logger: Logger): void {
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${shown}:${port}${path}`;
  if (chat && process.stdin.isTTY === true) process.stdout.write(`Playground: ${url}\n`);
  else logger.info({ event: 'playground.ready', url });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { console: { type: 'boolean' }, customer: { type: 'string' } } });
  const chat = values.console === true;
  const config = withPlaygroundDefault(readConfig(), chat);
  // In a chat the terminal is the conversation: only warnings and errors reach stderr.
  const logger = createLogger({ level: config.LOG_LEVEL ?? (chat ? 'warn' : 'info') });
  const workers = workerCount(config.WORKERS);
  if (chat && workers > 1) logger.warn({ event: 'workers.ignored', code: 'CONFIG_WORKERS_CONSOLE', workers });
  else if (forkWorkers({ count: workers, logger })) return;
  // Loaded only where turns are served: a WORKERS primary never loads botbuilder, the NLU or a bank.
  const [{ createBankbot }, { listen }, { PLAYGROUND_PATH }] = await Promise.all([
    import('./index.js'),
    import('./server.js'),
    import('./playground/playground.routes.js'),
  ]);
  const bankbot = await createBankbot(config, logger);
  const server = bankbot.createServer();
  try {
    const port = await listen(server, config.PORT, config.HOST);
    logger.info({ event: 'http.listening', host: config.HOST, port, pid: process.pid });
    if (config.PLAYGROUND === 'on') announcePlayground(PLAYGROUND_PATH, config.HOST, port, chat, logger);
  } catch (error) {
    if (!chat) throw error;
    logger.warn({
      event: 'http.unavailable',
      port: config.PORT,
      code: (error as NodeJS.ErrnoException).code,
    });
  }
  const stop = async (): Promise<void> => {
    server.close();
    await bankbot.close();
  };
  process.once('SIGTERM', () => void stop().then(() => process.exit(0)));
  process.once('SIGINT', () => void stop().then(() => process.exit(0)));
  if (!chat) return;

  const { ConsoleChannel } = await import('../adapters/channels/console.channel.js');
  const channel = new ConsoleChannel({
    input: process.stdin,
    output: process.stdout,
    customerId: values.customer ?? config.SANDBOX_CUSTOMER,
    interactive: process.stdin.isTTY === true,
  });
  channel.onTurnError = async (context, error) => {
    logger.error({ event: 'console.turn_error', err: String(error) });
    await context.sendActivity('Sorry, something went wrong on my side. Please try again.');
  };
  await channel.listen((context) => bankbot.bot.run(context));
  await stop();
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bankbot: failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});

import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { EXIT, UsageError, type Command } from './command.js';
import { checkBank, checkModel, checkRedis, type CheckResult } from './doctor-checks.js';

const HELP = `Usage: bankbot doctor [--timeout <ms>]

Checks what bankbot needs, one line each:
  config  the settings from the environment and .env are valid
  redis   with REDIS_URL: connects and PINGs (memory state without it)
  bank    the bank adapter BANK names is reachable (the sandbox always is)
  nlu     a trained model is cached for the current corpora (else run bankbot train)

  --timeout <ms>  how long Redis may take to answer (default 1500)

Exit codes: 0 every check passes, 1 a check fails, 2 bad usage.`;

function print(result: CheckResult): void {
  console.log(`${result.ok ? '✔' : '✖'} ${result.name}: ${result.message}`);
}

async function doctor(args: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: { timeout: { type: 'string', default: '1500' } },
  });
  const timeoutMs = Number(values.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0)
    throw new UsageError('--timeout must be a whole number of ms');
  let valid: Config;
  try {
    valid = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    print({ ok: false, name: 'config', message: `${error.message} (see .env.example)` });
    console.log('- the other checks need a valid config');
    return EXIT.failed;
  }
  const checks = [
    async () => ({ ok: true, name: 'config', message: `valid (BANK=${valid.BANK}, PORT=${valid.PORT})` }),
    () => checkRedis(valid, timeoutMs),
    () => checkBank(valid),
    async () => checkModel(valid),
  ];
  const results: CheckResult[] = [];
  for (const check of checks) {
    const result = await check();
    results.push(result);
    print(result);
  }
  const failed = results.filter((result) => !result.ok).length;
  console.log(failed === 0 ? 'All checks pass.' : `${failed} check${failed > 1 ? 's' : ''} failed.`);
  return failed === 0 ? EXIT.ok : EXIT.failed;
}

/** `bankbot doctor`: config, Redis, bank and model freshness, each with a verdict. */
export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'check config, Redis, bank reachability and NLU model freshness',
  help: HELP,
  run: doctor,
};

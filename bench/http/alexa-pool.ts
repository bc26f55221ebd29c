import { sandboxAccessToken } from '../../adapters/banks/sandbox.bank.js';
import { alexaRequest, alexaTestKit } from '../../test/support/drivers/alexa.driver.js';
import type { BenchRequest } from './load.js';

/** The balance question as Alexa sends it once its own NLU matched our intent. */
const BALANCE_INTENT = {
  type: 'IntentRequest',
  intent: { name: 'BalanceCheckIntent', confirmationStatus: 'NONE' },
};

/** What a server child needs to trust the test kit's chain: its root and the chain served by URL. */
export function alexaTrust(): string {
  const kit = alexaTestKit();
  return JSON.stringify({ rootPem: kit.rootPem, url: kit.chains.valid.url, pem: kit.chains.valid.pem });
}

/** An unsigned balance request (for servers that do not verify: bare, floor, Jovo). */
export function balanceBody(session = 0): Buffer {
  return Buffer.from(JSON.stringify(alexaRequest(BALANCE_INTENT, sessionOf(session))));
}

const sessionOf = (session: number) => ({
  sessionId: `amzn1.echo-api.session.bench-${session}`,
  userId: `amzn1.ask.account.bench-${session}`,
  accessToken: sandboxAccessToken('alex'),
});

/**
 * `count` signed balance requests, each with its own requestId and a timestamp of now, so each is
 * accepted once within Amazon's 150 s window. Request i belongs to conversation `i % sessions`: at
 * most `connections` turns are in flight, so with sessions well above that no conversation has two
 * turns racing (which would be eTag conflicts, a different benchmark).
 */
export function signedBalancePool(count: number, sessions: number, firstSession = 0): BenchRequest[] {
  const kit = alexaTestKit();
  return Array.from({ length: count }, (_, i) => {
    const session = firstSession + (i % sessions);
    const body = Buffer.from(
      JSON.stringify(alexaRequest(BALANCE_INTENT, { ...sessionOf(session), isNew: i < sessions })),
    );
    return { body, headers: kit.sign(body) };
  });
}

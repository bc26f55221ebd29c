/**
 * Alexa: a fraud alert becomes an AMAZON.MessageAlert.Activated notification through the Proactive
 * Events API (LWA client credentials, a local Amazon on 127.0.0.1), and is read out at the
 * customer's next launch without the amount; "no" then freezes the card and opens the dispute.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { alertStatus, postBankEvent, signedEvent } from '../support/bank-events.js';
import { LAUNCH, createAlexaHarness } from '../support/drivers/alexa.driver.js';
import { startSession } from '../support/session.js';

interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

async function startAmazon(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const entry = {
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(entry);
      if (entry.path === '/auth/o2/token') {
        res.writeHead(200, { 'content-type': 'application/json', connection: 'close' });
        res.end(
          JSON.stringify({ access_token: 'Atc|lwa-test-token', expires_in: 3600, token_type: 'bearer' }),
        );
        return;
      }
      res.writeHead(entry.path === '/v1/proactiveEvents/stages/development' ? 202 : 404, {
        connection: 'close',
      });
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A session for alex with Alexa's Proactive Events pointed at a local Amazon, alerts subscribed. */
async function alexaAlertSession() {
  const amazon = await startAmazon();
  const harness = createAlexaHarness({
    ALEXA_CLIENT_ID: 'amzn1.application-oa2-client.bankbot-test',
    ALEXA_CLIENT_SECRET: 'test-lwa-client-secret',
    ALEXA_LWA_TOKEN_URL: `${amazon.url}/auth/o2/token`,
    ALEXA_API_URL: amazon.url,
    ALEXA_EVENTS_STAGE: 'development',
  });
  const session = await startSession('alex', harness);
  const { driver } = session;
  assert.match((await driver.say(LAUNCH)).texts.join(' '), /^Hi Alex!/);
  assert.match((await driver.say('send me fraud alerts')).texts.join(' '), /I'll send you alerts/);
  /** The bank flags Joe's Pizza; resolves with the alert id once it went out. */
  const post = async (): Promise<string> => {
    const event = signedEvent(
      { customerId: 'alex', transactionId: 'tx-alex-20261118-01' },
      { nowMs: session.now().getTime() },
    );
    assert.equal((await postBankEvent(session.baseUrl, event.body, event.headers)).status, 202);
    await session.bankbot.alerts.worker.drain();
    return event.id;
  };
  return {
    amazon,
    session,
    driver,
    post,
    close: async () => {
      await session.close();
      await amazon.close();
    },
  };
}

describe('Alexa fraud alerts', () => {
  it('notifies through the Proactive Events API, reads the alert out at launch, and acts on "no"', async () => {
    const { amazon, session, driver, post, close } = await alexaAlertSession();
    try {
      const id = await post();

      const [token, notification] = amazon.received;
      assert.ok(token && notification, `Amazon was called twice (${amazon.received.length})`);
      const form = new URLSearchParams(token.body);
      assert.equal(form.get('grant_type'), 'client_credentials');
      assert.equal(form.get('scope'), 'alexa::proactive_events');
      assert.equal(form.get('client_id'), 'amzn1.application-oa2-client.bankbot-test');
      assert.equal(notification.path, '/v1/proactiveEvents/stages/development');
      assert.equal(notification.headers.authorization, 'Bearer Atc|lwa-test-token');
      const event = JSON.parse(notification.body) as Record<string, unknown> & {
        event: { name: string };
        relevantAudience: { type: string; payload: { user: string } };
      };
      assert.equal(event.event.name, 'AMAZON.MessageAlert.Activated');
      assert.equal(event.referenceId, id);
      assert.deepEqual(event.relevantAudience, {
        type: 'Unicast',
        payload: { user: 'amzn1.ask.account.test-alex' },
      });
      for (const secret of ['42.10', '4210', "Joe's Pizza", 'tx-alex'])
        assert.ok(!notification.body.includes(secret), `the notification holds no ${secret}`);
      assert.deepEqual((await alertStatus(session.baseUrl, id)).body.channels, ['alexa']);

      const readOut = await driver.say(LAUNCH);
      assert.match(readOut.texts.join(' '), /^Fraud alert: a charge of \$42\.10 at Joe's Pizza/);
      const speech = JSON.stringify(
        (readOut.native[0] as { response: { outputSpeech: unknown } }).response.outputSpeech,
      );
      assert.match(speech, /There is a charge on your card that needs your attention\. Was it you\?/);
      assert.ok(!speech.includes('42'), `no amount spoken before step-up: ${speech}`);

      const done = await driver.say('no');
      assert.match(done.texts.join(' '), /^Done\. Your Visa debit \(••5556\) is frozen/);
      assert.equal(session.sandbox.cardStatus('alex', 'card-alex-debit'), 'frozen');
      assert.deepEqual(
        session.sandbox.disputes('alex').map((d) => d.transactionId),
        ['tx-alex-20261118-01'],
      );
      const status = await alertStatus(session.baseUrl, id);
      assert.equal(status.body.status, 'answered');
      assert.equal((status.body.outcome as { channelId: string }).channelId, 'alexa');

      await post();
      const tokens = amazon.received.filter((r) => r.path === '/auth/o2/token').length;
      assert.equal(tokens, 1, 'the LWA token is reused while valid');
      assert.equal(amazon.received.length, 3);
    } finally {
      await close();
    }
  });

  it('takes "yes, that was me" only after the voice PIN: a shared speaker must not clear a fraud hold', async () => {
    const { session, driver, post, close } = await alexaAlertSession();
    try {
      const id = await post();
      assert.match((await driver.say(LAUNCH)).texts.join(' '), /^Fraud alert: a charge of \$42\.10/);

      const asked = await driver.say('yes');
      assert.match(asked.texts.join(' '), /I need your voice PIN before I do that\. Please say your PIN\./);
      assert.deepEqual(session.sandbox.confirmations('alex'), [], 'nothing confirmed before the PIN');
      assert.equal((await alertStatus(session.baseUrl, id)).body.status, 'delivered');

      const wrong = await driver.say('1111');
      assert.match(wrong.texts.join(' '), /That's not right\. You have 2 tries left/);
      assert.deepEqual(session.sandbox.confirmations('alex'), []);

      const done = await driver.say('my pin is two four six eight');
      assert.match(done.texts.join(' '), /Thanks for confirming/);
      assert.deepEqual(session.sandbox.confirmations('alex'), ['tx-alex-20261118-01']);
      const status = await alertStatus(session.baseUrl, id);
      assert.equal(status.body.status, 'answered');
      assert.equal((status.body.outcome as { answer: string }).answer, 'yes');
      assert.equal(session.sandbox.cardStatus('alex', 'card-alex-debit'), 'active');
    } finally {
      await close();
    }
  });

  it('while the PIN is locked, takes no "yes" by voice, and still takes "no"', async () => {
    const { session, driver, post, close } = await alexaAlertSession();
    try {
      await post();
      await driver.say(LAUNCH);
      await driver.say('yes');
      await driver.say('1111');
      await driver.say('1111');
      assert.match((await driver.say('1111')).texts.join(' '), /I've locked your voice PIN/);

      const refused = (await driver.say('yes')).texts.join(' ');
      assert.match(refused, /can't check your PIN or code for another 15 minutes/);
      assert.match(refused, /So I haven't changed anything\. You can answer in your banking app/);
      assert.deepEqual(session.sandbox.confirmations('alex'), []);

      assert.match((await driver.say('no')).texts.join(' '), /^Done\. Your Visa debit \(••5556\) is frozen/);
      assert.equal(session.sandbox.cardStatus('alex', 'card-alex-debit'), 'frozen');
    } finally {
      await close();
    }
  });
});

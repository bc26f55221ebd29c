import { randomUUID } from 'node:crypto';
import { MemoryStorage, type Storage } from 'botbuilder-core';
import {
  createSandboxBank,
  sandboxAccessToken,
  type SandboxBank,
} from '../../../adapters/banks/sandbox.bank.js';
import { createGoogleChannel, type GoogleTestOptions } from '../../../adapters/channels/google.channel.js';
import { CARD_LINE_BREAK } from '../../../adapters/channels/google/google-view.js';
import type { WebhookResponse } from '../../../adapters/channels/google/dialogflow-response.js';
import { loadConfig } from '../../../bot/config.js';
import { createBankbot, type Bankbot } from '../../../bot/index.js';
import { silentLogger, type Logger } from '../../../bot/logger.js';
import { listen } from '../../../bot/server.js';
import type { ChannelHarness } from '../channel-driver.js';
import { TEST_NOW, testRecognizer, TEST_BANK_TIMEOUT_MS } from '../test-bot.js';

/** Test credentials of the Dialogflow fulfillment (Basic auth). */
export const GOOGLE_TEST_ENV = {
  GOOGLE_WEBHOOK_USER: 'dialogflow',
  GOOGLE_WEBHOOK_PASSWORD: 'test-password-0123456789',
} as const;

export function basicAuthorization(
  user: string = GOOGLE_TEST_ENV.GOOGLE_WEBHOOK_USER,
  password: string = GOOGLE_TEST_ENV.GOOGLE_WEBHOOK_PASSWORD,
): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** A Dialogflow ES v2 WebhookRequest for one utterance, as an agent's integration would send it. */
export function webhookRequest(
  text: string,
  session: string,
  user: { readonly userId: string; readonly accessToken?: string },
): Record<string, unknown> {
  return {
    responseId: randomUUID(),
    session,
    queryResult: {
      queryText: text,
      parameters: {},
      allRequiredParamsPresent: true,
      intent: {
        name: `${session.split('/sessions/')[0]}/intents/fallback`,
        displayName: 'Default Fallback Intent',
      },
      intentDetectionConfidence: 1,
      languageCode: 'en',
    },
    originalDetectIntentRequest: { source: 'DIALOGFLOW_CONSOLE', payload: { user } },
  };
}

/** What the customer reads: each bubble's display text, a card's lines under the bubble it follows. */
export function textsOf(response: WebhookResponse): string[] {
  const texts: string[] = [];
  for (const item of response.payload?.google.richResponse.items ?? []) {
    if ('simpleResponse' in item) texts.push(item.simpleResponse.displayText);
    else
      texts.push(`${texts.pop() ?? ''}\n${item.basicCard.formattedText.split(CARD_LINE_BREAK).join('\n')}`);
  }
  return texts;
}

export function signalsHandoff(response: WebhookResponse): boolean {
  return (response.fulfillmentMessages ?? []).some(
    (message) => 'payload' in message && message.payload.liveAgentHandoff === true,
  );
}

/** Google through the Dialogflow ES fulfillment: Basic auth, one session per conversation, a linked user. */
export const googleHarness: ChannelHarness = {
  channel: 'google',
  env: GOOGLE_TEST_ENV,
  http: true,
  stepUp: true,
  channels: (deps) => [
    createGoogleChannel(loadConfig({ NODE_ENV: 'test', ...GOOGLE_TEST_ENV }, '/nonexistent'), deps),
  ],
  driver: async ({ customerId, baseUrl }) => {
    const session = `projects/bankbot-test/agent/sessions/${randomUUID()}`;
    const user = { userId: `google-user-${customerId}`, accessToken: sandboxAccessToken(customerId) };
    return {
      channel: 'google',
      say: async (text) => {
        const response = await fetch(`${baseUrl}/api/google`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: basicAuthorization() },
          body: JSON.stringify(webhookRequest(text, session, user)),
        });
        if (response.status !== 200)
          throw new Error(`google: HTTP ${response.status} ${await response.text()}`);
        const native = (await response.json()) as WebhookResponse;
        return { texts: textsOf(native), native: [native], handoff: signalsHandoff(native) };
      },
      close: async () => undefined,
    };
  },
};

/** A running bot with the Google channel, for the adapter tests. */
export interface GoogleTestBot {
  readonly baseUrl: string;
  readonly bankbot: Bankbot;
  readonly sandbox: SandboxBank;
  /** Turns the channel handed to the bot so far. */
  turns(): number;
  close(): Promise<void>;
}

/** Starts bankbot on 127.0.0.1 (port 0) with the Google channel, the sandbox bank and the real NLU. */
export async function startGoogleBot(
  env: NodeJS.ProcessEnv,
  options: GoogleTestOptions & { readonly logger?: Logger; readonly storage?: Storage } = {},
): Promise<GoogleTestBot> {
  const now = () => new Date(TEST_NOW);
  const sandbox = createSandboxBank({ now });
  const config = loadConfig(
    { NODE_ENV: 'test', BANK_TIMEOUT_MS: TEST_BANK_TIMEOUT_MS, ...env },
    '/nonexistent',
  );
  let turns = 0;
  const bankbot = await createBankbot(config, options.logger ?? silentLogger(), {
    bank: sandbox,
    storage: options.storage ?? new MemoryStorage(),
    recognizer: await testRecognizer(),
    now,
    channels: (deps) => {
      const google = createGoogleChannel(config, deps, options);
      return [
        { id: google.id, routes: (logic) => google.routes((context) => ((turns += 1), logic(context))) },
      ];
    },
  });
  const server = bankbot.createServer();
  const port = await listen(server, 0, '127.0.0.1');
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    bankbot,
    sandbox,
    turns: () => turns,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await bankbot.close();
    },
  };
}

import { execFileSync } from 'node:child_process';
import { createPrivateKey, randomUUID, sign, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TurnContext } from 'botbuilder-core';
import { sandboxAccessToken } from '../../../adapters/banks/sandbox.bank.js';
import {
  createAlexaChannel,
  ALEXA_PATH,
  type AlexaTestOptions,
} from '../../../adapters/channels/alexa.channel.js';
import { toAmazonDate, todayIn } from '../../../adapters/channels/alexa/amazon-date.js';
import { CertChainError } from '../../../adapters/channels/alexa/cert-chain.js';
import {
  CODE_INTENT,
  FALLBACK_INTENT,
  SELECT_INTENT,
  alexaIntentName,
} from '../../../adapters/channels/alexa/intent-names.js';
import {
  buildInteractionModel,
  type InteractionModel,
} from '../../../adapters/channels/alexa/interaction-model.js';
import { sandboxMerchants } from '../../../adapters/channels/alexa/model-cli.js';
import { merchantValues } from '../../../adapters/channels/alexa/model-merchants.js';
import {
  CARD_SEPARATOR,
  type AlexaResponseEnvelope,
} from '../../../adapters/channels/alexa/response-renderer.js';
import {
  ACCOUNT_VALUES,
  CATEGORY_VALUES,
  COMPARISON_VALUES,
  CURRENCY_VALUES,
  phrasesOf,
  valueIdOf,
  type SlotValue,
} from '../../../adapters/channels/alexa/slot-types.js';
import { loadConfig } from '../../../bot/config.js';
import { matchMerchants } from '../../../bot/entities/merchant-match.js';
import { currencyExponent } from '../../../bot/money.js';
import { loadCorpora } from '../../../bot/nlu/corpus.js';
import type { Merchant } from '../../../bot/ports/bank.port.js';
import type { BotLogic, ChannelDeps, ChannelPort } from '../../../bot/ports/channel.port.js';
import type { Recognition } from '../../../bot/recognition.js';
import { codeFrom } from '../../../bot/step-up/code-answer.js';
import type { ChannelHarness } from '../channel-driver.js';
import { testRecognizer } from '../test-bot.js';

// ---- A test PKI: root CA -> intermediate -> leaf (SAN echo-api.amazon.com), made with openssl ----

export const ALEXA_TEST_SKILL_ID = 'amzn1.ask.skill.00000000-0000-4000-8000-00000000ba4c';

/** A certificate chain as Amazon would host it, and the leaf's private key. */
export interface SigningChain {
  readonly url: string;
  readonly pem: string;
  readonly key: KeyObject;
}

export interface AlexaTestKit {
  readonly rootPem: string;
  /** valid: trusted and current; expired (2019 only); noSan; untrusted: from another root. */
  readonly chains: Readonly<Record<'valid' | 'expired' | 'noSan' | 'untrusted', SigningChain>>;
  /** Channel options: trust the test root, serve the chains by URL, no network. */
  readonly options: AlexaTestOptions;
  /** The `SignatureCertChainUrl` and `Signature-256` headers for a body. */
  sign(body: Buffer, chain?: SigningChain): Record<string, string>;
}

const CA_CONFIG = `[ca]
default_ca = test
[test]
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
[any]
commonName = supplied
[ca_ext]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[leaf_ext]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature
subjectAltName = DNS:echo-api.amazon.com
[nosan_ext]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature
`;

/** Issues certificates with explicit dates, so a 2019 request can be verified at its own time. */
function makeKit(): AlexaTestKit {
  const dir = mkdtempSync(join(tmpdir(), 'bankbot-alexa-ca-'));
  const run = (...args: string[]): void => void execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  try {
    writeFileSync(join(dir, 'ca.cnf'), CA_CONFIG);
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(join(dir, 'serial'), '1000\n');
    const issue = (name: string, issuer: string | undefined, ext: string, from: string, to: string): void => {
      run(
        'req',
        '-new',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        `${name}.key`,
        '-out',
        `${name}.csr`,
        '-subj',
        `/CN=${name}`,
      );
      const signer = issuer
        ? ['-cert', `${issuer}.pem`, '-keyfile', `${issuer}.key`]
        : ['-selfsign', '-keyfile', `${name}.key`];
      run(
        'ca',
        '-batch',
        '-notext',
        '-config',
        'ca.cnf',
        ...signer,
        '-in',
        `${name}.csr`,
        '-out',
        `${name}.pem`,
        '-startdate',
        from,
        '-enddate',
        to,
        '-extensions',
        ext,
      );
    };
    issue('root', undefined, 'ca_ext', '20100101000000Z', '20450101000000Z');
    issue('intermediate', 'root', 'ca_ext', '20100101000000Z', '20450101000000Z');
    issue('leaf', 'intermediate', 'leaf_ext', '20190101000000Z', '20440101000000Z');
    issue('expired', 'intermediate', 'leaf_ext', '20190101000000Z', '20200101000000Z');
    issue('nosan', 'intermediate', 'nosan_ext', '20190101000000Z', '20440101000000Z');
    issue('otherroot', undefined, 'ca_ext', '20100101000000Z', '20450101000000Z');
    issue('stranger', 'otherroot', 'leaf_ext', '20190101000000Z', '20440101000000Z');
    const pem = (name: string): string => readFileSync(join(dir, `${name}.pem`), 'utf8');
    const chain = (name: string, issuer: string): SigningChain => ({
      url: `https://s3.amazonaws.com/echo.api/bankbot-test-${name}.pem`,
      pem: `${pem(name)}${pem(issuer)}`,
      key: createPrivateKey(readFileSync(join(dir, `${name}.key`))),
    });
    const chains = {
      valid: chain('leaf', 'intermediate'),
      expired: chain('expired', 'intermediate'),
      noSan: chain('nosan', 'intermediate'),
      untrusted: chain('stranger', 'otherroot'),
    };
    const byUrl = new Map(Object.values(chains).map((c) => [c.url, c.pem]));
    const rootPem = pem('root');
    return {
      rootPem,
      chains,
      options: {
        trustedRoots: [rootPem],
        fetchCertChain: async (url) => {
          const found = byUrl.get(url);
          if (!found) throw new CertChainError('download answered 404');
          return found;
        },
      },
      sign: (body, signer = chains.valid) => ({
        SignatureCertChainUrl: signer.url,
        'Signature-256': sign('sha256', body, signer.key).toString('base64'),
      }),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let kit: AlexaTestKit | undefined;

/** The test PKI, generated once per test process. */
export function alexaTestKit(): AlexaTestKit {
  kit ??= makeKit();
  return kit;
}

// ---- Alexa's NLU, simulated with bankbot's own: an utterance -> the IntentRequest Alexa would send ----

/** Below the bot's switch threshold, Alexa is taken to have matched none of our intents. */
const ALEXA_MATCH = 0.7;
const NOT_A_MERCHANT = new Set(['least', 'most', 'all', 'the', 'my', 'a', 'an', 'home', 'work']);

type SlotJson = Record<string, unknown>;

function resolution(type: string, values: readonly SlotValue[], spoken: string): SlotJson {
  const id = valueIdOf(values, spoken);
  const value = values.find((v) => v.id === id);
  const authority = `amzn1.er-authority.echo-sdk.${ALEXA_TEST_SKILL_ID}.${type}`;
  return {
    resolutionsPerAuthority: [
      value
        ? {
            authority,
            status: { code: 'ER_SUCCESS_MATCH' },
            values: [{ value: { name: value.value, id: value.id } }],
          }
        : { authority, status: { code: 'ER_SUCCESS_NO_MATCH' } },
    ],
  };
}

const words = (text: string): string[] =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s'&-]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);

function spans(text: string, longestFirst: boolean): string[] {
  const all = words(text);
  const found: string[] = [];
  for (let n = 1; n <= 4; n += 1)
    for (let i = 0; i + n <= all.length; i += 1) found.push(all.slice(i, i + n).join(' '));
  return longestFirst ? found.reverse() : found;
}

/** The words Alexa would put in the merchant slot: a known value, the shortest span naming the same merchant, or the word after "at". */
function merchantWords(
  utterance: string,
  merchants: readonly Merchant[],
  values: readonly SlotValue[],
): string | undefined {
  const known = new Set(phrasesOf(values));
  const exact = spans(utterance, true).find((span) => known.has(span));
  if (exact) return exact;
  const [best] = matchMerchants(utterance, merchants);
  if (best) {
    const span = spans(utterance, false).find((s) => {
      const [match] = matchMerchants(s, merchants);
      return match?.merchant.name === best.merchant.name && match.score >= best.score;
    });
    if (span) return span;
  }
  const after = /\bat\s+([\p{L}][\p{L}'&-]*)/u.exec(utterance.toLowerCase())?.[1];
  return after && !NOT_A_MERCHANT.has(after) ? after : undefined;
}

function phraseIn(utterance: string, values: readonly SlotValue[]): string | undefined {
  const text = ` ${words(utterance).join(' ')} `;
  return phrasesOf(values).find((phrase) => text.includes(` ${phrase} `));
}

interface AlexaWorld {
  readonly model: InteractionModel;
  readonly merchants: readonly Merchant[];
  readonly today: string;
}

/** The intent and slots Alexa would send for an utterance bankbot understood as `recognition`. */
export function alexaIntentFor(utterance: string, recognition: Recognition, world: AlexaWorld): SlotJson {
  // "2468", "my pin is two four six eight": CodeIntent's samples, the digits in {code}.
  const code = codeFrom(utterance);
  if (code !== undefined) {
    const slot = { name: 'code', confirmationStatus: 'NONE', source: 'USER', value: code };
    return { name: CODE_INTENT, confirmationStatus: 'NONE', slots: { code: slot } };
  }
  const { entities } = recognition;
  const types = world.model.interactionModel.languageModel.types;
  const merchantValues =
    types
      .find((t) => t.name === 'MERCHANT')
      ?.values.map((v) => ({ id: v.id, value: v.name.value, synonyms: v.name.synonyms ?? [] })) ?? [];
  const merchant = merchantWords(utterance, world.merchants, merchantValues);
  const category = phraseIn(utterance, CATEGORY_VALUES);
  const answer =
    entities.ordinal !== undefined ||
    entities.numbers.length > 0 ||
    entities.amounts.length > 0 ||
    merchant ||
    category;
  const name =
    recognition.score >= ALEXA_MATCH
      ? alexaIntentName(recognition.intent)
      : answer
        ? SELECT_INTENT
        : FALLBACK_INTENT;
  const declared =
    world.model.interactionModel.languageModel.intents.find((i) => i.name === name)?.slots ?? [];
  const [amount] = entities.amounts;
  const factor = 10 ** currencyExponent(amount?.currency ?? 'USD');
  const currencyWord = CURRENCY_VALUES.find((v) => v.id === amount?.currency)?.value;
  const comparison = amount ? phraseIn(utterance, COMPARISON_VALUES) : undefined;
  const date = entities.dateRange ? toAmazonDate(entities.dateRange, world.today) : undefined;
  if (entities.dateRange && !date)
    throw new Error(`alexa driver: AMAZON.DATE cannot say the dates in "${utterance}"`);
  const account = entities.accountKind
    ? (phraseIn(utterance, ACCOUNT_VALUES) ??
      ACCOUNT_VALUES.find((v) => v.id === entities.accountKind)?.value)
    : undefined;
  const filled: Record<string, { value: string; resolutions?: SlotJson } | undefined> = {
    amount: amount ? { value: String(Math.floor(amount.minor / factor)) } : undefined,
    cents: amount && amount.minor % factor > 0 ? { value: String(amount.minor % factor) } : undefined,
    currency: currencyWord
      ? { value: currencyWord, resolutions: resolution('CURRENCY', CURRENCY_VALUES, currencyWord) }
      : undefined,
    comparison: comparison
      ? { value: comparison, resolutions: resolution('COMPARISON', COMPARISON_VALUES, comparison) }
      : undefined,
    date: date ? { value: date } : undefined,
    merchant: merchant
      ? { value: merchant, resolutions: resolution('MERCHANT', merchantValues, merchant) }
      : undefined,
    account: account
      ? { value: account, resolutions: resolution('ACCOUNT', ACCOUNT_VALUES, account) }
      : undefined,
    ordinal:
      entities.ordinal !== undefined && entities.ordinal > 0
        ? { value: String(entities.ordinal) }
        : undefined,
    number: entities.numbers[0] !== undefined ? { value: String(entities.numbers[0]) } : undefined,
    category: category
      ? { value: category, resolutions: resolution('DATA_CATEGORY', CATEGORY_VALUES, category) }
      : undefined,
  };
  const slots = Object.fromEntries(
    declared.map(({ name: slot }) => [
      slot,
      {
        name: slot,
        confirmationStatus: 'NONE',
        ...(filled[slot] ? { source: 'USER', ...filled[slot] } : {}),
      },
    ]),
  );
  return { name, confirmationStatus: 'NONE', ...(declared.length > 0 ? { slots } : {}) };
}

/** A request envelope as Alexa sends it, for a linked (or not) user in a session. */
export function alexaRequest(
  request: SlotJson,
  session: {
    readonly sessionId: string;
    readonly userId: string;
    readonly accessToken?: string;
    readonly isNew?: boolean;
  },
  locale = 'en-US',
): SlotJson {
  const application = { applicationId: ALEXA_TEST_SKILL_ID };
  const user = {
    userId: session.userId,
    ...(session.accessToken ? { accessToken: session.accessToken } : {}),
  };
  return {
    version: '1.0',
    session: { new: session.isNew ?? false, sessionId: session.sessionId, application, attributes: {}, user },
    context: {
      System: {
        application,
        user,
        device: { deviceId: 'amzn1.ask.device.bankbot-test', supportedInterfaces: {} },
        apiEndpoint: 'https://api.amazonalexa.com',
        apiAccessToken: 'test-api-access-token',
      },
    },
    request: {
      requestId: `amzn1.echo-api.request.${randomUUID()}`,
      timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      locale,
      ...request,
    },
  };
}

/** What the customer reads: the card's paragraphs (one per bot message), else the speech as text. */
export function alexaTexts(envelope: AlexaResponseEnvelope): string[] {
  const { card, outputSpeech } = envelope.response;
  if (card?.type === 'Simple') return card.content.split(CARD_SEPARATOR);
  if (!outputSpeech) return [];
  const text = outputSpeech.ssml
    .replace(/<[^>]+>/g, '')
    .replace(
      /&(amp|lt|gt|quot|apos);/g,
      (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e] ?? '',
    );
  return [text];
}

// ---- The harness ----

/** The Alexa channel, noting whether the bot signalled a handoff (Alexa itself cannot show one). */
class ObservedAlexa implements ChannelPort {
  readonly id = 'alexa';
  handoff = false;
  constructor(
    private readonly inner: ChannelPort,
    readonly now: () => Date,
  ) {}
  /** Alert notifications, when the inner channel sends them (ALEXA_CLIENT_ID and its secret set). */
  get pushAlert(): ChannelPort['pushAlert'] {
    return this.inner.pushAlert;
  }
  routes(logic: BotLogic) {
    return this.inner.routes(async (context: TurnContext) => {
      context.onSendActivities(async (_context, activities, next) => {
        if (activities.some((a) => a.type === 'event' && a.name === 'handoff.initiate')) this.handoff = true;
        return next();
      });
      await logic(context);
    });
  }
}

let model: Promise<InteractionModel> | undefined;
const skillModel = async (): Promise<InteractionModel> =>
  buildInteractionModel(loadCorpora('nlu-models', 'en'), {
    merchants: merchantValues(await sandboxMerchants()),
  });

const testConfig = (env: NodeJS.ProcessEnv) =>
  loadConfig({ NODE_ENV: 'test', ALEXA_SKILL_IDS: ALEXA_TEST_SKILL_ID, ...env }, '/nonexistent');

/** What the customer says to open the skill: sent as a LaunchRequest, not an utterance. */
export const LAUNCH = '(launch)';

/**
 * Alexa: each utterance through Alexa's (simulated) NLU, as a signed IntentRequest over HTTP (the
 * LAUNCH line as a LaunchRequest); texts are the card's. `env` adds channel settings (notifications).
 */
export const createAlexaHarness = (env: NodeJS.ProcessEnv = {}): ChannelHarness => ({
  channel: 'alexa',
  env: { ALEXA_SKILL_IDS: ALEXA_TEST_SKILL_ID },
  http: true,
  stepUp: true,
  channels: (deps: ChannelDeps) => [
    new ObservedAlexa(createAlexaChannel(testConfig(env), deps, alexaTestKit().options), deps.now),
  ],
  driver: async ({ customerId, bankbot, sandbox, baseUrl }) => {
    const observed = bankbot.channels.find((c): c is ObservedAlexa => c instanceof ObservedAlexa);
    if (!observed) throw new Error('alexa driver: the Alexa channel is not configured');
    model ??= skillModel();
    const [skill, recognizer, profile, merchants] = await Promise.all([
      model,
      testRecognizer(),
      sandbox.getProfile({ customerId }),
      sandbox.listMerchants({ customerId }),
    ]);
    const session = {
      sessionId: `amzn1.echo-api.session.${randomUUID()}`,
      userId: `amzn1.ask.account.test-${customerId}`,
      accessToken: sandboxAccessToken(customerId),
    };
    let first = true;
    return {
      channel: 'alexa',
      say: async (text) => {
        const now = observed.now();
        const recognition = await recognizer.recognize(text, {
          locale: profile.locale,
          timeZone: profile.timeZone,
          now,
        });
        const intent = alexaIntentFor(text, recognition, {
          model: skill,
          merchants,
          today: todayIn(now, profile.timeZone),
        });
        const request = text === LAUNCH ? { type: 'LaunchRequest' } : { type: 'IntentRequest', intent };
        const body = Buffer.from(
          JSON.stringify(alexaRequest(request, { ...session, isNew: first }, profile.locale)),
        );
        first = false;
        observed.handoff = false;
        const response = await fetch(`${baseUrl}${ALEXA_PATH}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...alexaTestKit().sign(body) },
          body,
        });
        const native = (await response.json()) as AlexaResponseEnvelope;
        if (response.status !== 200)
          throw new Error(`alexa driver: ${response.status} ${JSON.stringify(native)}`);
        return { texts: alexaTexts(native), native: [native], handoff: observed.handoff };
      },
      close: async () => undefined,
    };
  },
});

export const alexaHarness: ChannelHarness = createAlexaHarness();

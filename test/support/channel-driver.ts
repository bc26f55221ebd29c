import type { SandboxBank } from '../../adapters/banks/sandbox.bank.js';
import type { Bankbot, BankbotOverrides } from '../../bot/index.js';

/** What the customer got back for one utterance on a channel. */
export interface DriverTurn {
  /**
   * The bot's messages as the customer reads them, one string per message, comparable with a
   * transcript's `bot:` lines (list items as "• title (subtitle)" lines, as on the console).
   */
  readonly texts: readonly string[];
  /** The native payloads the platform received (Send API bodies, Alexa response, webhook response). */
  readonly native: readonly unknown[];
  /** Whether a handoff to a person was signalled. */
  readonly handoff: boolean;
}

/** Plays a customer on one channel: native, signed requests over real HTTP (the console is in-process). */
export interface ChannelDriver {
  readonly channel: string;
  say(text: string): Promise<DriverTurn>;
  /** What reached the customer without them saying anything since the last turn (pushed alerts). */
  pushed?(): Promise<DriverTurn>;
  close(): Promise<void>;
}

export interface DriverContext {
  readonly customerId: string;
  /** The bot under test, with this driver's channel configured, and its sandbox bank. */
  readonly bankbot: Bankbot;
  readonly sandbox: SandboxBank;
  /** Base URL of the bot's HTTP server (started for HTTP channels). */
  readonly baseUrl: string;
}

/** How the transcript suite builds a channel: its bankbot overrides, env and driver. */
export interface ChannelHarness {
  readonly channel: string;
  /** Settings (test secrets) and channel factories for the bot under test. */
  readonly env: NodeJS.ProcessEnv;
  readonly channels?: BankbotOverrides['channels'];
  /** Whether the driver needs the HTTP server. */
  readonly http: boolean;
  /** Whether the channel asks for a step-up (voice PIN) before amounts, by its default policy. */
  readonly stepUp?: boolean;
  driver(context: DriverContext): Promise<ChannelDriver>;
}

import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { createBankbot } from '../index.js';
import { createLogger } from '../logger.js';
import { ConsoleChannel } from '../../adapters/channels/console.channel.js';
import { createChannelPreview } from '../../adapters/channels/preview/channel-preview.js';
import { PREVIEW_CHANNELS, isPreviewChannel } from '../ports/preview.port.js';
import { EXIT, UsageError, type Command } from './command.js';
import { PreviewConsoleChannel } from './preview.channel.js';
import { withFields } from '../objects.js';

const HELP = `Usage: bankbot chat [--channel console|messenger|alexa|google] [--customer <id>] [--raw]

Chats with the bot in the terminal (sandbox bank unless BANK says otherwise), and shows each
reply as the channel renders it:
  console    plain text and [choices] (what npm start shows)
  messenger  the Send API messages: bubbles, cards, buttons and quick replies
  alexa      what Alexa says, the SSML, the card, the reprompt and whether the session ends
  google     the Dialogflow display texts, card and suggestion chips

  --channel <name>  default console
  --customer <id>   sandbox customer: alex (default), sam or maria
  --raw             print the channel's native JSON instead of the summary

Piped input works: one message per line, e.g. printf "what's my balance\\n" | npx bankbot chat --channel alexa
Exit codes: 0 at the end of input, 1 on a startup failure, 2 bad usage or setting.`;

async function chat(args: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      channel: { type: 'string', default: 'console' },
      customer: { type: 'string' },
      raw: { type: 'boolean', default: false },
    },
  });
  if (!isPreviewChannel(values.channel)) {
    throw new UsageError(`unknown channel "${values.channel}" (one of ${PREVIEW_CHANNELS.join(', ')})`);
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`bankbot chat: ${error.message}`);
    return EXIT.usage;
  }
  const logger = createLogger({ level: config.LOG_LEVEL ?? 'warn' });
  const bankbot = await createBankbot(config, logger);
  const options = {
    input: process.stdin,
    output: process.stdout,
    customerId: values.customer ?? config.SANDBOX_CUSTOMER,
    interactive: process.stdin.isTTY === true,
  };
  const channel =
    values.channel === 'console'
      ? new ConsoleChannel(options)
      : new PreviewConsoleChannel(
          withFields(options, {
            channel: values.channel,
            preview: createChannelPreview({
              defaults: { locale: config.DEFAULT_LOCALE, timeZone: config.DEFAULT_TIME_ZONE },
              linkUrl: config.MESSENGER_LINK_URL,
            }),
            raw: values.raw,
          }),
        );
  channel.onTurnError = async (context, error) => {
    logger.error({ event: 'console.turn_error', err: String(error) });
    await context.sendActivity('Sorry, something went wrong on my side. Please try again.');
  };
  try {
    await channel.listen((context) => bankbot.bot.run(context));
  } finally {
    await bankbot.close();
  }
  return EXIT.ok;
}

/** `bankbot chat`: the console chat, replies shown as a channel renders them. */
export const chatCommand: Command = {
  name: 'chat',
  summary: 'chat in the terminal, replies shown as console, Messenger, Alexa or Google render them',
  help: HELP,
  run: chat,
};

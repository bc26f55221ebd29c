import type { ChannelHarness } from '../channel-driver.js';
import { TestChannel } from '../test-channel.js';

/** The console channel: the bot's replies exactly as the terminal prints their text. */
export const consoleHarness: ChannelHarness = {
  channel: 'console',
  env: {},
  http: false,
  driver: async ({ customerId, bankbot }) => {
    const channel = new TestChannel((context) => bankbot.bot.run(context), { customerId });
    return {
      channel: 'console',
      say: async (text) => {
        const sent = await channel.say(text);
        return {
          texts: sent.filter((a) => a.type === 'message').map((a) => a.text ?? ''),
          native: sent,
          handoff: sent.some((a) => a.type === 'event' && a.name === 'handoff.initiate'),
        };
      },
      close: async () => undefined,
    };
  },
};

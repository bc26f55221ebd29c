import type { ChannelHarness } from '../channel-driver.js';
import { alexaHarness } from './alexa.driver.js';
import { consoleHarness } from './console.driver.js';
import { googleHarness } from './google.driver.js';
import { messengerHarness } from './messenger.driver.js';

/** Every channel the transcript suite replays each transcript through. One line per channel. */
export const harnesses: readonly ChannelHarness[] = [
  consoleHarness,
  messengerHarness,
  alexaHarness,
  googleHarness,
];

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium, driven by playwright-core (no downloaded browser). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags for a headless run on a machine without a GPU, a sandbox-capable kernel or the internet. */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Chromium {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Starts headless Chromium on a fresh profile; fails with the install command when it is missing. */
export async function launchChromium(): Promise<Chromium> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium"`);
  const profile = mkdtempSync(join(tmpdir(), 'bankbot-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

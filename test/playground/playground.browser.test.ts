import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { spokenMoney } from '../../adapters/channels/alexa/speech.js';
import { launchChromium, type Chromium } from '../support/chromium.js';
import { balancesOf, startPlaygroundBot, type PlaygroundBot } from '../support/playground.js';

const SHOTS = 'test-output/playground';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

describe('playground in Chromium', () => {
  let bot: PlaygroundBot;
  let browser: Chromium;
  let page: Page;
  let balances: Awaited<ReturnType<typeof balancesOf>>;
  const offsite: string[] = [];
  const pageErrors: string[] = [];

  before(async () => {
    bot = await startPlaygroundBot();
    balances = await balancesOf(bot.sandbox, 'alex');
    browser = await launchChromium();
    browser.context.on('request', (request) => {
      if (!request.url().startsWith(`${bot.baseUrl}/`) && !request.url().startsWith('data:'))
        offsite.push(request.url());
    });
    page = await browser.context.newPage();
    // A missing element fails its test in seconds, not after Playwright's default 30 s.
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${bot.baseUrl}/playground`);
    await page.locator('body[data-ready="true"]').waitFor();
    mkdirSync(SHOTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await bot?.close();
  });

  /** Types a message on the current view and waits for the bot's answer; resolves with that turn. */
  async function say(text: string): Promise<Locator> {
    const index = await page.locator('#transcript .turn').count();
    await page.getByLabel('Message').fill(text);
    await page.getByRole('button', { name: 'Send' }).click();
    return answered(index);
  }

  async function answered(index: number): Promise<Locator> {
    const turn = page.locator(`#transcript .turn[data-turn="${index}"]`);
    await turn.locator('.turn-info').filter({ hasNotText: 'waiting' }).waitFor();
    return turn;
  }

  /** Taps the first button of a group; resolves with the answer and the button's title. */
  async function tap(turn: Locator, group: string): Promise<{ answer: Locator; title: string }> {
    const next = await page.locator('#transcript .turn').count();
    const chip = turn.getByRole('group', { name: group }).getByRole('button').first();
    const title = await chip.innerText();
    await chip.click();
    const answer = await answered(next);
    assert.equal(
      await answer.locator('.bubble.user').innerText(),
      title,
      'the thread shows the tapped title',
    );
    return { answer, title };
  }

  async function view(channel: string): Promise<void> {
    await page.getByRole('tab', { name: channel }).click();
    assert.equal(await page.getByRole('tab', { name: channel }).getAttribute('aria-selected'), 'true');
  }

  async function screenshot(channel: string): Promise<void> {
    const path = join(SHOTS, `${channel}.png`);
    await page.screenshot({ path, fullPage: true });
    assert.deepEqual(readFileSync(path).subarray(0, 4), PNG, `${path} is a PNG`);
    console.log(`screenshot: ${path}`);
  }

  async function recognised(): Promise<string> {
    return page.locator('#details [data-kind="intent"]').innerText();
  }

  it('Messenger: the balance in template bubbles, then a card frozen by tapping a quick reply and a button', async () => {
    await view('Messenger');
    const turn = await say("what's my balance");
    const cards = await turn.locator('[data-kind="generic-template"]').innerText();
    for (const amount of balances.shown)
      assert.ok(cards.includes(amount), `Messenger shows ${amount}: ${cards}`);
    const announced = (await page.locator('#announcer').textContent()) ?? '';
    for (const amount of balances.shown)
      assert.ok(announced.includes(amount), `screen readers hear ${amount}`);
    assert.equal(await recognised(), 'balance.check');
    const native = JSON.parse(await page.locator('#details [data-kind="native"]').innerText()) as {
      messaging_type: string;
    }[];
    assert.ok(native.length > 0 && native.every((body) => body.messaging_type === 'RESPONSE'));

    const question = await say('freeze my card');
    assert.equal(await recognised(), 'card.freeze');
    const picked = await tap(question, 'Quick replies');
    assert.equal(
      await question.getByRole('group', { name: 'Quick replies' }).count(),
      0,
      'answered quick replies go',
    );
    const card = (await bot.sandbox.listCards({ customerId: 'alex' })).find((c) => c.name === picked.title);
    assert.ok(card, `a card named ${picked.title}`);
    const confirm = picked.answer;
    assert.ok(await confirm.locator('[data-kind="button-template"]').isVisible(), 'a yes/no button template');
    assert.equal(bot.sandbox.cardStatus('alex', card.id), 'active');
    const { answer: done } = await tap(confirm, 'Buttons');
    assert.ok((await done.locator('.bubble.bot').innerText()).length > 0);
    assert.equal(bot.sandbox.cardStatus('alex', card.id), 'frozen', 'the sandbox bank froze the card');
    await screenshot('messenger');
  });

  it('Alexa: the balance spoken, its SSML in <speak> and the card', async () => {
    await view('Alexa');
    const turn = await say("what's my balance");
    const speech = await turn.locator('[data-kind="speech"]').innerText();
    for (const amount of balances.amounts) {
      const spoken = spokenMoney(amount, balances.locale);
      assert.ok(speech.includes(spoken), `Alexa says ${spoken}: ${speech}`);
    }
    const ssml = await turn.locator('[data-kind="speech-ssml"]').innerText();
    assert.match(ssml, /^<speak>[\s\S]+<\/speak>$/);
    const card = await turn.locator('[data-kind="card"]').innerText();
    for (const amount of balances.shown) assert.ok(card.includes(amount), `the card shows ${amount}`);
    assert.match(await turn.locator('.divider').innerText(), /Session ended/);
    assert.equal(await recognised(), 'balance.check');
    await screenshot('alexa');
  });

  it('Google: the simple response and the basic card, then a suggestion chip', async () => {
    await view('Google');
    const turn = await say("what's my balance");
    const bubble = await turn.locator('[data-kind="simple-response"]').first().innerText();
    assert.ok(bubble.length > 0, 'a simple response');
    const card = await turn.locator('[data-kind="basic-card"]').innerText();
    for (const amount of balances.shown) assert.ok(card.includes(amount), `the card shows ${amount}`);
    assert.equal(await recognised(), 'balance.check');
    const help = await say('what can you do');
    const { answer } = await tap(help, 'Suggestions');
    assert.ok(await answer.locator('[data-kind="simple-response"]').first().isVisible());
    await screenshot('google');
  });

  it('Console: the printed lines', async () => {
    await view('Console');
    const turn = await say("what's my balance");
    const printed = await turn.locator('[data-kind="printed"]').innerText();
    for (const amount of balances.shown) assert.ok(printed.includes(amount), `the console prints ${amount}`);
    await screenshot('console');
  });

  it('keeps each channel view its own conversation, loads nothing from elsewhere and throws nothing', async () => {
    await view('Messenger');
    assert.equal(await page.locator('#transcript .turn').count(), 4, 'Messenger keeps its four turns');
    await view('Console');
    assert.equal(await page.locator('#transcript .turn').count(), 1);
    assert.deepEqual(offsite, []);
    assert.deepEqual(pageErrors, []);
  });
});

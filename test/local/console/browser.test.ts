import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type RunningContactCenter, startLocalContactCenter } from '../../../local/runtime/local-contact-center';

/**
 * End to end in a real browser (Debian's headless Chromium, driven by playwright-core): a person dials
 * a known customer on the console keypad, hears the greeting by name, presses 2, and sees the agent's
 * screen pop. Needs /usr/bin/chromium (apt-get install chromium).
 */

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let home: string;
let cc: RunningContactCenter;
let browser: Browser;

beforeAll(async () => {
  home = mkdtempSync(path.join(tmpdir(), 'cc-browser-'));
  cc = await startLocalContactCenter({ home, port: 0 });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  await cc?.close();
  rmSync(home, { recursive: true, force: true });
});

/** A new page that records requests leaving the local contact center and uncaught page errors. */
async function openPage(): Promise<{ page: Page; external: string[]; errors: string[] }> {
  const page = await browser.newPage();
  const external: string[] = [];
  page.on('request', (req) => {
    if (!req.url().startsWith(cc.url)) external.push(req.url());
  });
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  return { page, external, errors };
}

test('dialing a known customer shows the greeting by name, takes a key press and pops the customer to the agent', async () => {
  const { page, external, errors } = await openPage();

  await page.goto(cc.url);
  // A Monday morning in Tokyo, inside business hours, whatever the time of the test run.
  await page.click('#options summary');
  await page.fill('#at', '2026-04-06T10:00');
  await page.click('button[data-number="03-1234-5678"]');
  await expect(page.inputValue('#number')).resolves.toBe('03-1234-5678');
  await page.click('#dial');

  const greeting = page.locator('#prompts li', { hasText: '山田様' });
  await greeting.waitFor({ timeout: 15_000 });
  expect(await greeting.textContent()).toContain(
    '山田様、お電話ありがとうございます。いつもご利用いただきありがとうございます。',
  );

  await page.locator('#waiting.on').waitFor();
  await page.click('#keypad button[data-key="2"]');

  const outcome = page.locator('#outcome[data-outcome="queued"]');
  await outcome.waitFor({ timeout: 15_000 });
  expect(await outcome.textContent()).toContain('Priority');

  await page.locator('#sp-history li', { hasText: '4月分の請求書を再発行してください' }).waitFor();
  expect(await page.textContent('#sp-name')).toContain('山田 太郎');
  expect(await page.textContent('#sp-tier')).toContain('gold');
  expect(await page.textContent('#sp-attributes')).toContain('C-1001');

  await page.click('#tab-customers');
  await page.fill('#customer-search', '田中');
  await page.click('#search-form button[type="submit"]');
  await page.waitForFunction(() => {
    const rows = Array.from(document.querySelectorAll('#customer-list tbody tr'));
    return rows.length === 2 && rows.every((r) => r.textContent?.includes('田中'));
  });
  const ids = await page
    .locator('#customer-list tbody tr')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-customer-id')));
  expect(ids).toEqual(['C-1005', 'C-1006']);

  expect(errors).toEqual([]);
  expect(external).toEqual([]);
});

test('the chat window: a known customer chats, reads the bot, and the chat is in their history; an .eml is dropped', async () => {
  const { page, external, errors } = await openPage();

  await page.goto(`${cc.url}/#chat`);
  await page.locator('#chat-panel').waitFor();
  await page.fill('#chat-name', '山田 太郎');
  await page.fill('#chat-phone', '03-1234-5678');
  await page.fill('#chat-message', '配送について教えてください');
  await page.check('#chat-verified');
  await page.click('#chat-panel details summary');
  await page.fill('#chat-at', '2026-04-06T10:00');
  await page.click('#chat-send');

  await page.locator('#chat-result[data-outcome="queued"]').waitFor({ timeout: 15_000 });
  const log = await page.locator('#chat-log li').allTextContents();
  expect(log[0]).toContain('配送について教えてください');
  expect(log[1]).toContain('山田 太郎 様');
  expect(await page.textContent('#chat-customer')).toContain('C-1001');
  expect(await page.textContent('#chat-outcome')).toContain('Priority');
  const contactId = (await page.textContent('#chat-contact-id'))?.trim();
  expect(contactId).toMatch(/\S+/);

  // The customer link opens the profile, whose history now holds the chat (the message is its subject).
  await page.click('#chat-customer a');
  const entry = page.locator('#cd-history li', { hasText: '配送について教えてください' });
  await entry.waitFor();
  expect(await entry.textContent()).toContain('チャット Chat');

  // The email drop takes a file (the picker; a drop posts the same bytes).
  await page.click('#tab-intake');
  await page.setInputFiles('#email-file', path.resolve(__dirname, '../../fixtures/email/utf8-base64.eml'));
  await page.locator('#email-message-id', { hasText: 'b64-0409@example.org' }).waitFor({ timeout: 15_000 });
  expect(await page.textContent('#email-duplicate')).toContain('no');
  expect(await page.isVisible('#email-text')).toBe(true);

  expect(errors).toEqual([]);
  expect(external).toEqual([]);
});

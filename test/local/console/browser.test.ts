import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
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

test('dialing a known customer shows the greeting by name, takes a key press and pops the customer to the agent', async () => {
  const page = await browser.newPage();
  const external: string[] = [];
  page.on('request', (req) => {
    if (!req.url().startsWith(cc.url)) external.push(req.url());
  });
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));

  await page.goto(cc.url);
  // A Monday morning in Tokyo, inside business hours, whatever the time of the test run.
  await page.click('#options summary');
  await page.fill('#at', '2026-04-06T10:00');
  await page.click('button[data-number="03-1234-5678"]');
  await expect(page.inputValue('#number')).resolves.toBe('03-1234-5678');
  await page.click('#dial');

  const greeting = page.locator('#prompts li', { hasText: '山田 様' });
  await greeting.waitFor({ timeout: 15_000 });
  expect(await greeting.textContent()).toContain(
    'お電話ありがとうございます。 山田 様、いつもご利用いただきありがとうございます。',
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

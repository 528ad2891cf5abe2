import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { type RunningContactCenter, startLocalContactCenter } from '../../../local/runtime/local-contact-center';
import { launchChromium } from '../../support/chromium';

/**
 * End to end in a real browser (Debian's headless Chromium, driven by playwright-core): a person dials
 * a known customer on the console keypad, hears the greeting by name, presses 2, and sees the agent's
 * screen pop. Needs /usr/bin/chromium (apt-get install chromium).
 */

let home: string;
let cc: RunningContactCenter;
let browser: Browser;

beforeAll(async () => {
  home = mkdtempSync(path.join(tmpdir(), 'cc-browser-'));
  cc = await startLocalContactCenter({ home, port: 0 });
  browser = await launchChromium();
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

/** Font families that carry Japanese glyphs on Debian (fonts-noto-cjk), macOS and Windows. */
const JAPANESE_FONTS =
  /^(Noto Sans CJK JP|Noto Sans JP|Hiragino Sans|Hiragino Kaku Gothic ProN|Yu Gothic|YuGothic|Meiryo)$/;

test('Japanese text renders in a Japanese font, not as missing-glyph boxes (screenshot checked)', async () => {
  const { page, errors } = await openPage();
  await page.goto(cc.url);
  await page.locator('#demo-numbers li').first().waitFor();

  // A screenshot of Japanese words: every Japanese font draws kanji and kana one em wide, while a
  // missing glyph is drawn as a narrower box (with the code point in it), so the image's width tells
  // real glyphs from boxes. The whole page is saved in the temp directory for a person to look at
  // (contact-center-console-japanese.png), since the test's home is removed afterwards.
  const sample = '山田様、お電話ありがとうございます';
  const em = 24;
  await page.evaluate(
    ({ text, size }) => {
      const e = document.createElement('span');
      e.id = 'glyph-sample';
      e.textContent = text;
      e.style.cssText = `display:inline-block;font-size:${size}px;line-height:1.5;background:#fff;color:#000`;
      document.body.prepend(e);
    },
    { text: sample, size: em },
  );
  await page.screenshot({ path: path.join(tmpdir(), 'contact-center-console-japanese.png'), fullPage: true });
  const png = await page.locator('#glyph-sample').screenshot();
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  const pixelsWide = png.readUInt32BE(16);
  expect(pixelsWide).toBeGreaterThanOrEqual(Math.floor(sample.length * em * 0.95));

  // Which font the browser actually drew the heading with (DevTools' "Rendered fonts"): a system
  // fallback without Japanese glyphs shows up here as DejaVu or similar, whatever the CSS asked for.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument');
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'header h1' });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  expect(fonts.map((f) => f.familyName)).toEqual(expect.arrayContaining([expect.stringMatching(JAPANESE_FONTS)]));
  expect(errors).toEqual([]);
});

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
  expect(await page.textContent('#sp-tier')).toContain('ゴールド');
  expect(await page.textContent('#sp-attributes')).toContain('C-1001');
  // Statuses read as words, not codes.
  expect(await page.textContent('#sp-inquiry')).toContain('対応中');
  expect(await page.textContent('#sp-inquiry')).not.toContain('in_progress');

  // The flow trace numbers its steps: the list leaves room for "100." (18 px clipped "10." to "0.").
  await page.click('#prompts ~ details summary');
  expect(await page.locator('#trace li').count()).toBeGreaterThanOrEqual(10);
  const room = await page.evaluate(() => {
    const trace = document.getElementById('trace') as HTMLElement;
    const ctx = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D;
    const style = getComputedStyle(trace);
    ctx.font = `${style.fontSize} ${style.fontFamily}`;
    return { padding: Number.parseFloat(style.paddingLeft), marker: ctx.measureText('100. ').width };
  });
  expect(room.padding).toBeGreaterThanOrEqual(room.marker);

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
  // Phones as people write them, tiers as words.
  const firstRow = await page.locator('#customer-list tbody tr').first().textContent();
  expect(firstRow).toContain('045-234-5678');
  expect(firstRow).not.toContain('+81');
  expect(firstRow).toContain('スタンダード');

  // The whole list, sorted by id whatever order the store returns.
  await page.fill('#customer-search', '');
  await page.click('#search-form button[type="submit"]');
  await page.waitForFunction(() => document.querySelectorAll('#customer-list tbody tr').length >= 8);
  const all = await page
    .locator('#customer-list tbody tr')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-customer-id') as string));
  expect(all).toEqual([...all].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));

  expect(errors).toEqual([]);
  expect(external).toEqual([]);
});

test('the console reads as Japanese by default and as English on request; times are read back as dates', async () => {
  const { page, errors } = await openPage();
  await page.goto(cc.url);
  await page.locator('#demo-numbers li').first().waitFor();
  expect(await page.getAttribute('html', 'lang')).toBe('ja');
  expect(await page.textContent('#tab-customers')).toBe('顧客');
  // A time typed for the center is read back as a Japanese date in the center's zone.
  await page.click('#options summary');
  await page.fill('#at', '2026-04-06 10:00');
  await expect(page.textContent('#at-read')).resolves.toBe('2026年4月6日(月) 10:00 (Asia/Tokyo)');
  await page.fill('#at', '04/06/2026');
  await expect(page.textContent('#at-read')).resolves.toContain('2026-04-06 10:00');
  expect(await page.textContent('#clock')).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日\(.\) \d{2}:\d{2} \(Asia\/Tokyo\)$/);

  await page.click('#lang-switch');
  await page.waitForURL(/lang=en/);
  await page.locator('#demo-numbers li').first().waitFor();
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  expect(await page.textContent('header h1')).toBe('Local contact center');
  expect(await page.textContent('#tab-customers')).toBe('Customers');
  expect(await page.getAttribute('#voc-link', 'href')).toBe('/voc?lang=en');
  expect(errors).toEqual([]);
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
  expect(await entry.textContent()).toContain('チャット');

  // The email drop takes a file (the picker; a drop posts the same bytes).
  await page.click('#tab-intake');
  await page.setInputFiles('#email-file', path.resolve(__dirname, '../../fixtures/email/utf8-base64.eml'));
  await page.locator('#email-message-id', { hasText: 'b64-0409@example.org' }).waitFor({ timeout: 15_000 });
  expect(await page.textContent('#email-duplicate')).toContain('いいえ');
  expect(await page.isVisible('#email-text')).toBe(true);

  expect(errors).toEqual([]);
  expect(external).toEqual([]);
});

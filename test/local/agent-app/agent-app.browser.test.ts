import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createDynamoDbAccessTrail } from '../../../lambdas/shared/agent/dynamodb-access-trail';
import { createStoreDocumentClient } from '../../../lambdas/shared/customer-data/dynamodb-customer-store';
import type { Interaction } from '../../../lambdas/shared/customer-data/model';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../local/engines/local-dynamodb';
import { isOpen, localTime } from '../../../local/interpreter/hours';
import { buildContactEnvironment } from '../../../local/runtime/environment';
import { parseInstant } from '../../../local/runtime/instant';
import { type RunningContactCenter, startLocalContactCenter } from '../../../local/runtime/local-contact-center';
import { launchChromium } from '../../support/chromium';

/**
 * The agent app end to end in a real browser (Debian's headless Chromium through playwright-core, as the
 * console's browser test), on the local contact center that `npm start` runs: an agent signs in at
 * `/agent/`, a person dials a known customer on the console's keypad, the card pops on the agent's
 * screen with the cross-channel history, the agent writes a wrap-up that `contact-center history` then
 * shows; a chat whose visitor only claimed an address is confirmed by the agent as the customer's.
 * axe-core checks the screen in the state an agent works in. Needs /usr/bin/chromium and fonts-noto-cjk
 * (test/support/ensure-chromium.sh).
 */

const ROOT = path.resolve(__dirname, '..', '..', '..');
const DAY_MS = 24 * 60 * 60 * 1000;

let home: string;
let cc: RunningContactCenter;
let browser: Browser;
/** When the contacts happen (a wall-clock time in the center's zone): see {@link lastOpenMorning}. */
let at: string;

/**
 * 10:00 on the latest day before now when every hours of operation is open (weekday, no holiday or
 * closure), read from the same calendar the flows check: the contacts reach an agent whatever the time
 * of the run, and sit in the history where a person expects them (the screenshot shows them).
 */
function lastOpenMorning(): string {
  const center = cc.runtime.contactCenter;
  const zone = center.config.timeZone;
  for (let back = 0; back < 30; back++) {
    const wallClock = `${localTime(new Date(Date.now() - back * DAY_MS), zone).date}T10:00`;
    const instant = parseInstant(wallClock, zone);
    if (!instant || instant.getTime() > Date.now()) continue;
    const env = buildContactEnvironment(center, { now: instant, lambdas: {} });
    if (Object.values(env.hoursOfOperation).every((h) => isOpen(h, instant, zone))) return wallClock;
  }
  throw new Error('the contact center was not open on any morning of the last 30 days');
}

beforeAll(async () => {
  home = mkdtempSync(path.join(tmpdir(), 'cc-agent-app-'));
  cc = await startLocalContactCenter({ home, port: 0 });
  at = lastOpenMorning();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await cc?.close();
  rmSync(home, { recursive: true, force: true });
});

/** A new page that records requests leaving the local contact center and uncaught page errors. */
async function openPage(): Promise<{ page: Page; external: string[]; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const external: string[] = [];
  page.on('request', (req) => {
    if (!req.url().startsWith(cc.url)) external.push(req.url());
  });
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`${msg.text()} (${msg.location().url})`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) errors.push(`HTTP ${res.status()} ${res.request().method()} ${res.url()}`);
  });
  return { page, external, errors };
}

/** Presses Tab until the focused element matches `selector` (keyboard only); fails after `max` presses. */
async function tabTo(page: Page, selector: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`${max} presses of Tab never reached ${selector}`);
}

/** Opens the agent app and signs in as `sato` (the demo agent) with the keyboard only. */
async function signIn(page: Page): Promise<void> {
  await page.goto(`${cc.url}/agent/`);
  await page.getByTestId('sign-in').waitFor();
  expect(await page.getAttribute('html', 'lang')).toBe('ja');
  await tabTo(page, '[data-testid="sign-in"]');
  await page.keyboard.press('Enter');
  // Signed in: the header names the agent and the role (the screen below may already show a contact).
  await page.getByText('佐藤 美咲 (オペレーター)', { exact: false }).first().waitFor({ timeout: 15_000 });
}

/** Tabs to a Cloudscape select, opens it with Enter, moves with ArrowDown to `label`, picks it with Enter. */
async function chooseWithKeyboard(page: Page, trigger: string, label: string): Promise<void> {
  await tabTo(page, trigger);
  await page.keyboard.press('Enter');
  const highlighted = () =>
    page.evaluate(() => {
      const list = document.querySelector('[role="listbox"][aria-activedescendant]');
      const id = list?.getAttribute('aria-activedescendant');
      return id ? (document.getElementById(id)?.textContent ?? '') : '';
    });
  for (let i = 0; i < 20 && !(await highlighted()).includes(label); i++) await page.keyboard.press('ArrowDown');
  expect(await highlighted()).toContain(label);
  await page.keyboard.press('Enter');
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core in the page; the serious and critical violations, one line each. */
async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated, not added as a <script>: the app's CSP (script-src 'self') rightly refuses inline scripts,
  // and the test keeps the CSP on rather than bypass it for the whole page.
  await page.evaluate(`${readFileSync(require.resolve('axe-core'), 'utf8')}\n;window.axe = axe;`);
  const { violations, passes } = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<Record<string, unknown[]>> } }).axe;
    const result = await axe.run(document);
    return { violations: result.violations ?? [], passes: result.passes?.length ?? 0 };
  });
  // axe really looked at the page: rules passed as well.
  expect(passes).toBeGreaterThan(10);
  return (violations as AxeViolation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, 'bin', 'contact-center.js'), ...args],
      { cwd: ROOT, env: { ...process.env, CONTACT_CENTER_HOME: home }, timeout: 50_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** The rows of the timeline table, as text. */
async function timelineRows(page: Page): Promise<string[]> {
  return page.locator('[data-testid="timeline"] table tbody tr').allTextContents();
}

test('a call dialed on the console pops on the agent app with the history; the wrap-up lands in `contact-center history`', async () => {
  const { page: agent, external, errors } = await openPage();
  await signIn(agent);

  // The caller: the console's keypad, a seeded customer's number, 2 = an agent.
  const { page: phone } = await openPage();
  await phone.goto(cc.url);
  await phone.click('#options summary');
  await phone.fill('#at', at);
  await phone.click('button[data-number="03-1234-5678"]');
  await phone.click('#dial');
  await phone.locator('#waiting.on').waitFor({ timeout: 15_000 });
  await phone.click('#keypad button[data-key="2"]');
  await phone.locator('#outcome[data-outcome="queued"]').waitFor({ timeout: 15_000 });

  // The card: who, how sure, on which channel and queue, what they did in the IVR.
  const card = agent.getByTestId('customer-card');
  await card.getByText('山田 太郎').first().waitFor({ timeout: 10_000 });
  await card.getByText('C-1001').waitFor();
  const cardText = (await card.textContent()) ?? '';
  for (const expected of ['ゴールド', '電話', 'Priority', 'オペレーターを選択', '請求書の再発行']) {
    expect(cardText).toContain(expected);
  }
  expect(cardText).not.toContain('in_progress');

  // The history across channels, newest first, with statuses in words and Tokyo times.
  await agent
    .locator('[data-testid="timeline"] table tbody tr', { hasText: '4月分の請求書を再発行してください' })
    .waitFor();
  const rows = await timelineRows(agent);
  const history = rows.join('\n');
  for (const channel of ['メール', '電話', 'チャット']) expect(history).toContain(channel);
  expect(history).toContain('対応中');
  expect(history).not.toContain('in_progress');

  // Wrap-up with the keyboard: the disposition list (Enter opens it, arrows move, Enter picks), the note, Save.
  const wrapUp = agent.getByTestId('wrap-up');
  await chooseWithKeyboard(agent, '#wrap-up-disposition', '解決済み');
  await expect(wrapUp.locator('#wrap-up-disposition').textContent()).resolves.toContain('解決済み');
  const note = '請求書を本日再発行し、登録住所へ郵送する旨をご案内しました。';
  await tabTo(agent, '#wrap-up-note');
  await agent.keyboard.type(note);
  await tabTo(agent, '[data-testid="wrap-up"] button[type="submit"]');
  await agent.keyboard.press('Enter');
  await agent.getByTestId('wrap-up-saved').waitFor({ timeout: 10_000 });

  // It is in the timeline as this contact's agent entry…
  await agent.locator('[data-testid="timeline"] table tbody tr', { hasText: note }).waitFor();
  expect(
    (await agent.locator('[data-testid="timeline"] table tbody tr', { hasText: note }).textContent()) ?? '',
  ).toContain('解決済み');

  // …the screen an agent works in has no serious or critical accessibility violation…
  const violations = await axeViolations(agent);
  expect(violations).toEqual([]);

  // …(a picture of it for people: always in the temp dir, into the docs on request)…
  const shot = path.join(tmpdir(), 'agent-app.png');
  await agent.screenshot({ path: shot, fullPage: true });
  if (process.env.UPDATE_DOCS_SCREENSHOT === '1') {
    mkdirSync(path.join(ROOT, 'docs', 'images'), { recursive: true });
    copyFileSync(shot, path.join(ROOT, 'docs', 'images', 'agent-app.png'));
  }

  // …and in the history the operator's CLI reads.
  // The call the console placed, as the agent app got it.
  const feed = await cc.agentContacts.read(0, 0);
  const callId = feed.events.find((e) => e.type === 'connected' && e.contact.channel === 'VOICE');
  const run = await cli(['history', 'C-1001', '--json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const out = JSON.parse(run.stdout) as { interactions: Interaction[] };
  const entry = out.interactions.find((i) => i.sourceId.startsWith('agent-wrap-up:') && i.summary === note);
  expect(entry).toMatchObject({ customerId: 'C-1001', subject: '解決済み', details: { disposition: 'resolved' } });
  expect(entry?.sourceId).toBe(`agent-wrap-up:${callId?.type === 'connected' ? callId.contact.contactId : ''}`);

  // Every read of the customer's data is on the access trail, with the agent and the contact.
  const doc = createStoreDocumentClient({
    clientConfig: { endpoint: cc.dynamodbEndpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS },
  });
  try {
    const trail = await createDynamoDbAccessTrail({ tableName: cc.tableName, client: doc }).list({
      customerId: 'C-1001',
    });
    expect(trail.items.length).toBeGreaterThan(0);
    expect(trail.items[0]).toMatchObject({ agent: 'sato', role: 'agent', subject: { customerId: 'C-1001' } });
  } finally {
    doc.destroy();
  }

  // The caller hangs up: the card says the contact ended.
  await phone.click('#hangup');
  await card.getByText('終了', { exact: false }).first().waitFor({ timeout: 10_000 });

  expect(errors).toEqual([]);
  expect(external).toEqual([]);
});

test('a chat that only claimed an address: the card says so, the agent links it after verifying, the history shows it verified', async () => {
  const { page: agent, external, errors } = await openPage();
  await signIn(agent);

  // The visitor types a known customer's address without signing in on the website: a claim.
  const res = await fetch(`${cc.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: '山田 太郎',
      email: 'taro.yamada@example.jp',
      message: '注文した商品がまだ届きません',
      at,
    }),
  });
  const chat = (await res.json()) as { contactId: string; identity: string; customerId: string | null };
  expect(chat).toMatchObject({ identity: 'claimed', customerId: null });

  const card = agent.getByTestId('customer-card');
  await card.getByText('自己申告 (未確認)').first().waitFor({ timeout: 10_000 });
  expect(await card.textContent()).toContain('チャット');
  // Nothing of the customer is shown for a claim.
  expect(await card.textContent()).not.toContain('C-1001');

  // The agent verifies by voice, finds the customer the claim names, and links the chat.
  const panel = agent.getByTestId('link-panel');
  await panel.waitFor();
  // The search starts from the claimed address.
  await expect(panel.locator('input[type="search"]').inputValue()).resolves.toBe('taro.yamada@example.jp');
  await panel.getByRole('button', { name: '検索', exact: true }).click();
  await panel.getByRole('button', { name: /山田 太郎/ }).click();
  await panel.locator('#link-verification').fill('生年月日と登録住所を確認');
  // The claimed state (warning, search results, the verification field) is as accessible as the rest.
  expect(await axeViolations(agent)).toEqual([]);
  await panel.getByTestId('link-submit').click();
  // Who confirmed it, on screen.
  await agent.getByTestId('link-done').waitFor({ timeout: 10_000 });
  expect(await agent.getByTestId('link-done').textContent()).toContain('佐藤 美咲');

  // The screen is the customer's now: the chat is in their history, verified by the agent.
  await agent
    .locator('[data-testid="timeline"] table tbody tr', { hasText: '注文した商品がまだ届きません' })
    .filter({ hasText: '本人確認済み' })
    .waitFor({ timeout: 10_000 });
  await card.getByText('C-1001').waitFor();

  const run = await cli(['history', 'C-1001', '--json']);
  expect(run.code).toBe(0);
  const out = JSON.parse(run.stdout) as { interactions: Interaction[] };
  const linked = out.interactions.find((i) => i.sourceId === chat.contactId);
  expect(linked).toMatchObject({
    channel: 'CHAT',
    identity: 'verified',
    details: expect.objectContaining({ linkedBy: 'sato', verification: '生年月日と登録住所を確認' }),
  });

  expect(errors).toEqual([]);
  expect(external).toEqual([]);
});

/**
 * What the intake guards cost (issue 10, items 3 and 4): the MIME limit scan on large ordinary mail,
 * how fast hostile messages are turned away, SES header checks, and identity-token verification.
 * Prints the figures and writes bench/results/intake-guards.json.
 *
 *   npx tsx bench/intake-guards.ts [--runs 5] [--tokens 2000]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseEmail, UnusableEmailError } from '../lambdas/shared/intake/email-message';
import { exceededMimeLimit, MIME_LIMITS, topLevelHeaderFields } from '../lambdas/shared/intake/mime-limits';
import { sesAuthentication } from '../lambdas/shared/intake/ses-authentication';
import { signIdentityToken } from '../local/intake/identity-token-issuer';
import { sesHeaders } from '../test/fixtures/email/generate';
import {
  bigAttachment,
  deeplyNested,
  hugeHeaderField,
  manyHeaderFields,
  manyParts,
  nestedMessages,
} from '../test/fixtures/email/hostile';
import { TEST_IDENTITY_KEY, testIdentityVerifier } from '../test/support/identity-tokens';
import { median, numericArg, ROOT, round } from './support';

const runs = numericArg('--runs', 5);
const tokens = numericArg('--tokens', 2000);

function timeMs(fn: () => unknown): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function timeMsAsync(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function main() {
  const results: Record<string, unknown> = { node: process.version, runs, limits: MIME_LIMITS };

  // 1. The scan on ordinary large mail: an attachment just under the 25 MiB limit (~34 MB encoded).
  const large = bigAttachment(MIME_LIMITS.maxAttachmentBytes - 1024);
  const scan = Array.from({ length: runs }, () => timeMs(() => exceededMimeLimit(large)));
  const scanMs = median(scan);
  results.scanLargeMessage = {
    bytes: large.length,
    medianMs: round(scanMs),
    mbPerSecond: round(large.length / 1e6 / (scanMs / 1000), 1),
  };
  console.log(`MIME scan, ${(large.length / 1e6).toFixed(1)} MB message: median ${round(scanMs)} ms`);

  // 2. Hostile messages: time from raw bytes to "unusable" (parseEmail end to end).
  const hostile: Record<string, Buffer> = {
    'nesting 17': deeplyNested(MIME_LIMITS.maxDepth + 1),
    'nesting 100000': deeplyNested(100_000),
    'forwards 17': nestedMessages(MIME_LIMITS.maxDepth + 1),
    'parts 501': manyParts(MIME_LIMITS.maxParts + 1),
    'parts 200000': manyParts(200_000),
    'header fields 1001': manyHeaderFields(MIME_LIMITS.maxHeaderFields + 1),
    'header fields 500000': manyHeaderFields(500_000),
    'header 256 KiB+': hugeHeaderField(MIME_LIMITS.maxHeaderBytes + 1),
  };
  const rejected: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(hostile)) {
    const times: number[] = [];
    let reason = '';
    for (let i = 0; i < runs; i++) {
      times.push(
        await timeMsAsync(async () => {
          try {
            await parseEmail(raw);
            reason = 'parsed (not rejected)';
          } catch (err) {
            reason = err instanceof UnusableEmailError ? err.reason : `threw ${(err as Error).message}`;
          }
        }),
      );
    }
    rejected[name] = { bytes: raw.length, medianMs: round(median(times)), reason };
    console.log(`${name.padEnd(22)} ${String(raw.length).padStart(10)} B  ${round(median(times))} ms  ${reason}`);
  }
  results.hostile = rejected;

  // 3. SES header checks on one message.
  const fields = [...sesHeaders('example.jp'), ['From', 'a@example.jp'] as [string, string]].map(
    ([k, v]) => [k.toLowerCase(), v] as const,
  );
  const raw = Buffer.from(`${fields.map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\nhi\r\n`);
  const n = 10_000;
  const sesMs = timeMs(() => {
    for (let i = 0; i < n; i++) sesAuthentication(topLevelHeaderFields(raw), ['a@example.jp']);
  });
  results.sesAuthenticationMicroseconds = round((sesMs * 1000) / n);
  console.log(`SES header check: ${round((sesMs * 1000) / n)} µs per message`);

  // 4. Identity tokens (HS256 with jose), key already read.
  const verifier = testIdentityVerifier();
  const token = await signIdentityToken(TEST_IDENTITY_KEY, { subject: 'u1', email: 'taro.yamada@example.jp' });
  await verifier.verify(token);
  const verifyMs = await timeMsAsync(async () => {
    for (let i = 0; i < tokens; i++) await verifier.verify(token);
  });
  results.identityTokenVerifyMicroseconds = round((verifyMs * 1000) / tokens);
  console.log(`identity token verify: ${round((verifyMs * 1000) / tokens)} µs each (${tokens} tokens)`);

  const out = path.join(ROOT, 'bench', 'results', 'intake-guards.json');
  fs.writeFileSync(out, `${JSON.stringify({ at: new Date().toISOString(), ...results }, null, 2)}\n`);
  console.log(`wrote ${path.relative(ROOT, out)}`);
}

void main();

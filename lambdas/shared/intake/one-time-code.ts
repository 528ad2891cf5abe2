import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { Language } from '../customer-data/model';

/**
 * One-time codes: a visitor without an identity token proves an email address by typing the code sent
 * to it. Request a code → the address gets 6 digits; submit `{ email, oneTimeCode }` with the chat or
 * form → the contact is verified (`verifiedBy: 'one-time-code'`). Only a hash of address and code is
 * stored; a code lives 10 minutes, allows 5 attempts and is used up by the first match; a new request
 * replaces the previous code. The answer to a request never says whether the address is a customer's.
 */

export const ONE_TIME_CODE_DIGITS = 6;
export const ONE_TIME_CODE_TTL_SECONDS = 600;
export const ONE_TIME_CODE_MAX_ATTEMPTS = 5;
/** Shortest time between two codes to one address: the endpoint cannot be used to flood a mailbox. */
export const ONE_TIME_CODE_MIN_INTERVAL_SECONDS = 60;

/** Port: where code hashes live (DynamoDB adapter: dynamodb-one-time-code-store.ts). */
export interface OneTimeCodeStore {
  /**
   * Stores the hash for `address`, replacing any earlier code (attempts start again at 0), unless the
   * earlier one was requested after `notBefore` (epoch seconds): then nothing changes and it answers false.
   */
  save(
    address: string,
    record: { codeHash: string; expiresAt: number; requestedAt: number },
    notBefore: number,
  ): Promise<boolean>;
  /**
   * Counts one attempt for `address` atomically and returns the stored hash, or undefined when there is
   * no code, it expired (`expiresAt` ≤ `now`, epoch seconds) or its attempts are used up.
   */
  attempt(
    address: string,
    now: number,
    maxAttempts: number,
  ): Promise<{ codeHash: string; usedBy?: string } | undefined>;
  /** Removes the code (used). */
  remove(address: string): Promise<void>;
  /**
   * Marks the code used by one keyed request (its idempotency digest) instead of removing it, so a
   * retry of that very request still passes until the code expires; false when another request used it.
   */
  markUsed(address: string, requestDigest: string): Promise<boolean>;
}

/** Port: sends the code (SESv2 in AWS, the outbox journal locally). */
export interface CodeSender {
  send(message: { to: string; subject: string; text: string }): Promise<unknown>;
}

export interface OneTimeCodeDeps {
  codes: OneTimeCodeStore;
  sender: CodeSender;
  now?: () => Date;
  /** @default crypto.randomInt */
  newCode?: () => string;
}

export function codeHash(address: string, code: string): string {
  return createHash('sha256').update(`${address.toLowerCase()}\n${code}`).digest('hex');
}

function randomCode(): string {
  return String(randomInt(0, 10 ** ONE_TIME_CODE_DIGITS)).padStart(ONE_TIME_CODE_DIGITS, '0');
}

function codeMessage(language: Language, code: string): { subject: string; text: string } {
  const minutes = ONE_TIME_CODE_TTL_SECONDS / 60;
  if (language === 'en-US') {
    return {
      subject: `Your confirmation code: ${code}`,
      text: `Your confirmation code is ${code}. It is valid for ${minutes} minutes.\nIf you did not ask for it, ignore this message.`,
    };
  }
  return {
    subject: `確認コード: ${code}`,
    text: `確認コードは ${code} です。${minutes} 分間有効です。\nお心当たりがない場合は、このメールを破棄してください。`,
  };
}

/**
 * Makes a new code for `address` and sends it there; within a minute of the previous code it does
 * nothing (the caller answers the same either way, so the answer tells nothing).
 * @returns whether a code was sent.
 */
export async function requestOneTimeCode(deps: OneTimeCodeDeps, address: string, language: Language): Promise<boolean> {
  const now = Math.floor((deps.now ?? (() => new Date()))().getTime() / 1000);
  const code = (deps.newCode ?? randomCode)();
  const saved = await deps.codes.save(
    address,
    { codeHash: codeHash(address, code), expiresAt: now + ONE_TIME_CODE_TTL_SECONDS, requestedAt: now },
    now - ONE_TIME_CODE_MIN_INTERVAL_SECONDS,
  );
  if (!saved) return false;
  await deps.sender.send({ to: address, ...codeMessage(language, code) });
  return true;
}

/**
 * True when `code` is the live code of `address` (and uses it up); every call counts as an attempt.
 * A request with an idempotency key (`requestDigest`) marks the code as its own: the retry of the same
 * request passes again, any other request finds it used.
 */
export async function checkOneTimeCode(
  deps: Pick<OneTimeCodeDeps, 'codes' | 'now'>,
  address: string,
  code: string,
  requestDigest?: string,
): Promise<boolean> {
  if (!new RegExp(`^\\d{${ONE_TIME_CODE_DIGITS}}$`).test(code)) return false;
  const now = Math.floor((deps.now ?? (() => new Date()))().getTime() / 1000);
  const stored = await deps.codes.attempt(address, now, ONE_TIME_CODE_MAX_ATTEMPTS);
  if (!stored) return false;
  const given = Buffer.from(codeHash(address, code), 'hex');
  const expected = Buffer.from(stored.codeHash, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  if (stored.usedBy !== undefined) return requestDigest !== undefined && stored.usedBy === requestDigest;
  if (requestDigest !== undefined) return deps.codes.markUsed(address, requestDigest);
  await deps.codes.remove(address);
  return true;
}

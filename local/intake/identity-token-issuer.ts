import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SignJWT } from 'jose';
import { IDENTITY_TOKEN_AUDIENCE } from '../../lambdas/shared/intake/identity-token';

/**
 * The website's side of identity tokens, for the local contact center: the CLI and the console play
 * the site that embeds chat and form. A real site does the same with the key from Secrets Manager
 * (docs/intake.md, "Identity tokens"). The local key is made once under `<home>/identity-token.key`
 * (git-ignored like all of `.contact-center/`), readable by its owner only.
 */

export interface IdentityClaims {
  /** The site's id of its signed-in user. */
  subject: string;
  email?: string;
  /** Any common format; intake normalizes it. */
  phone?: string;
  name?: string;
}

/** Signs an HS256 identity token as a website would; valid for `ttlSeconds` (5 minutes by default). */
export async function signIdentityToken(
  key: string,
  claims: IdentityClaims,
  options: { now?: Date; ttlSeconds?: number } = {},
): Promise<string> {
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return new SignJWT({
    ...(claims.email !== undefined ? { email: claims.email } : {}),
    ...(claims.phone !== undefined ? { phone_number: claims.phone } : {}),
    ...(claims.name !== undefined ? { name: claims.name } : {}),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.subject)
    .setAudience(IDENTITY_TOKEN_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + (options.ttlSeconds ?? 300))
    .sign(new TextEncoder().encode(key));
}

export function localIdentityKeyPath(home: string): string {
  return path.join(home, 'identity-token.key');
}

/** The local signing key (made on first use: 32 random bytes, base64url). */
export function localIdentityKey(home: string): string {
  const file = localIdentityKeyPath(home);
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.mkdirSync(home, { recursive: true });
  const key = randomBytes(32).toString('base64url');
  try {
    fs.writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (err) {
    // Another process made it first: use theirs.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return fs.readFileSync(file, 'utf8').trim();
    throw err;
  }
}

/**
 * OAuth 2.0 authorization code with PKCE (RFC 7636, S256) for Cognito's managed login, with the browser's
 * Web Crypto (also in Node ≥ 20, where the tests run it).
 */

const UNRESERVED = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';

/** A fresh code verifier: 64 characters of the unreserved set (RFC 7636 §4.1 asks for 43–128). */
export function createVerifier(length = 64, random: (bytes: Uint8Array) => Uint8Array = cryptoRandom): string {
  if (length < 43 || length > 128) throw new RangeError('a PKCE verifier has 43 to 128 characters');
  // 66 characters: only bytes below 198 (3 × 66) are used, so every character is equally likely.
  let out = '';
  while (out.length < length) {
    for (const b of random(new Uint8Array(length))) {
      if (b < 198 && out.length < length) out += UNRESERVED[b % 66];
    }
  }
  return out;
}

/** A random `state` (or nonce) value, URL-safe. */
export function createState(random: (bytes: Uint8Array) => Uint8Array = cryptoRandom): string {
  return base64Url(random(new Uint8Array(24)));
}

/** BASE64URL(SHA256(ASCII(verifier))), RFC 7636 §4.2. */
export async function challengeS256(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

export function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function cryptoRandom(bytes: Uint8Array): Uint8Array {
  return crypto.getRandomValues(bytes);
}

import { errors, jwtVerify } from 'jose';
import { z } from 'zod';
import { normalizePhone } from '../phone';
import { MAX_IDENTITY_TOKEN_CHARS } from './requests';

/**
 * Identity tokens: how a website that embeds the chat or the contact form tells intake who its
 * signed-in visitor is. The site signs a short-lived JWT (HS256) with the key the stack keeps in
 * Secrets Manager; intake checks it with `jose` (signature, algorithm, audience, expiry, age) and then
 * trusts the email address and phone number IN THE TOKEN, never what the visitor typed.
 * How a site issues one: docs/intake.md, "Identity tokens".
 */

/** The `aud` every identity token must carry: a token for another service is not one for us. */
export const IDENTITY_TOKEN_AUDIENCE = 'contact-center-intake';
/** Oldest `iat` accepted (seconds): a leaked token is useless after this, whatever its `exp`. */
export const IDENTITY_TOKEN_MAX_AGE_SECONDS = 600;
/** Shortest signing key accepted (bytes): HS256 keys shorter than the hash are guessable. */
export const MIN_IDENTITY_KEY_BYTES = 32;

/** Contact points (and a display name) the website vouches for. */
export interface VerifiedIdentity {
  /** The site's own id of its user (`sub`). */
  subject: string;
  /** Lower-cased. */
  email?: string;
  /** E.164. */
  phone?: string;
  name?: string;
}

/** Port: checks an identity token (the jose adapter is {@link HmacIdentityTokenVerifier}). */
export interface IdentityTokenVerifier {
  /** @throws IdentityTokenError saying why the token is not accepted. */
  verify(token: string): Promise<VerifiedIdentity>;
}

export class IdentityTokenError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IdentityTokenError';
  }
}

const claimsSchema = z.object({
  sub: z.string().min(1).max(256),
  email: z.email().max(254).optional(),
  phone_number: z.string().max(32).optional(),
  name: z.string().trim().min(1).max(100).optional(),
});

/** HS256 identity tokens checked with jose against a key read once (and again after a failed read). */
export class HmacIdentityTokenVerifier implements IdentityTokenVerifier {
  private key: Promise<Uint8Array> | undefined;

  constructor(
    private readonly readKey: () => Promise<string>,
    private readonly options: { defaultCountry: string; now?: () => Date },
  ) {}

  private signingKey(): Promise<Uint8Array> {
    this.key ??= this.readKey().then((secret) => {
      const key = new TextEncoder().encode(secret);
      if (key.length < MIN_IDENTITY_KEY_BYTES) {
        throw new Error(`the identity token key is shorter than ${MIN_IDENTITY_KEY_BYTES} bytes`);
      }
      return key;
    });
    this.key.catch(() => {
      this.key = undefined;
    });
    return this.key;
  }

  async verify(token: string): Promise<VerifiedIdentity> {
    if (token.length > MAX_IDENTITY_TOKEN_CHARS) {
      throw new IdentityTokenError(`longer than ${MAX_IDENTITY_TOKEN_CHARS} characters`);
    }
    const key = await this.signingKey();
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, key, {
        algorithms: ['HS256'],
        audience: IDENTITY_TOKEN_AUDIENCE,
        maxTokenAge: IDENTITY_TOKEN_MAX_AGE_SECONDS,
        requiredClaims: ['exp', 'iat', 'sub'],
        ...(this.options.now ? { currentDate: this.options.now() } : {}),
      }));
    } catch (err) {
      throw new IdentityTokenError(reasonOf(err), { cause: err });
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) {
      throw new IdentityTokenError(
        `claims: ${claims.error.issues.map((i) => `${i.path.join('.') || 'payload'} ${i.message}`).join('; ')}`,
      );
    }
    const { sub, email, phone_number, name } = claims.data;
    const identity: VerifiedIdentity = { subject: sub };
    if (email !== undefined) identity.email = email.toLowerCase();
    if (phone_number !== undefined) {
      const phone = normalizePhone(phone_number, this.options.defaultCountry);
      if (!phone.ok) throw new IdentityTokenError('claims: phone_number is not a phone number');
      identity.phone = phone.e164;
    }
    if (name !== undefined) identity.name = name;
    if (identity.email === undefined && identity.phone === undefined) {
      throw new IdentityTokenError('claims: email or phone_number is required');
    }
    return identity;
  }
}

/** Why jose refused a token, in words that help the site's developer and reveal nothing of the key. */
function reasonOf(err: unknown): string {
  if (err instanceof errors.JWTExpired) return 'expired';
  if (err instanceof errors.JWTClaimValidationFailed) return `claim ${err.claim} is not acceptable (${err.reason})`;
  if (err instanceof errors.JOSEAlgNotAllowed) return 'algorithm not allowed (expected HS256)';
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'signature does not verify';
  if (err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid) return 'not a signed JWT';
  return 'not acceptable';
}

import { HmacIdentityTokenVerifier } from '../../lambdas/shared/intake/identity-token';
import { type IdentityClaims, signIdentityToken } from '../../local/intake/identity-token-issuer';

/** The key tests sign identity tokens with (as a website would with the key from Secrets Manager). */
export const TEST_IDENTITY_KEY = 'test-identity-key-0123456789abcdef-not-a-secret';

export function testIdentityVerifier(now?: () => Date): HmacIdentityTokenVerifier {
  return new HmacIdentityTokenVerifier(async () => TEST_IDENTITY_KEY, {
    defaultCountry: 'JP',
    ...(now ? { now } : {}),
  });
}

export function anIdentityToken(claims: Partial<IdentityClaims> = {}, options: { now?: Date; key?: string } = {}) {
  return signIdentityToken(
    options.key ?? TEST_IDENTITY_KEY,
    { subject: 'site-user-1001', email: 'taro.yamada@example.jp', ...claims },
    options.now ? { now: options.now } : {},
  );
}

import { base64Url, challengeS256, createState, createVerifier } from '../../../../agent-app/src/auth/pkce';

describe('PKCE', () => {
  it('derives the S256 challenge of RFC 7636 Appendix B', async () => {
    await expect(challengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).resolves.toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('makes verifiers of the unreserved characters, 43–128 long, different each time', () => {
    const a = createVerifier();
    const b = createVerifier();
    expect(a).toMatch(/^[A-Za-z0-9\-._~]{64}$/);
    expect(a).not.toBe(b);
    expect(createVerifier(43)).toHaveLength(43);
    expect(() => createVerifier(42)).toThrow(RangeError);
    expect(() => createVerifier(129)).toThrow(RangeError);
  });

  it('skips biased bytes so every character is equally likely', () => {
    // Bytes 198–255 would favour the first 58 characters: they must be dropped, not wrapped.
    let call = 0;
    const random = (bytes: Uint8Array) => {
      bytes.fill(call++ === 0 ? 255 : 65);
      return bytes;
    };
    expect(createVerifier(43, random)).toBe('~'.repeat(43));
  });

  it('encodes base64url without padding', () => {
    expect(base64Url(new Uint8Array([251, 255, 191]))).toBe('-_-_');
    expect(base64Url(new Uint8Array([1]))).toBe('AQ');
    expect(createState()).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });
});

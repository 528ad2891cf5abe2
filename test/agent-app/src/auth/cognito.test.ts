import {
  authorizeUrl,
  CognitoSession,
  type CognitoSessionDeps,
  SIGNED_IN_MESSAGE_TYPE,
  SignInError,
} from '../../../../agent-app/src/auth/cognito';
import { challengeS256 } from '../../../../agent-app/src/auth/pkce';

const settings = {
  domain: 'https://center.auth.ap-northeast-1.amazoncognito.com/',
  userPoolClientId: 'client123',
  redirectUri: 'https://agent.example.com/signed-in.html',
};

/** A browser stand-in: one popup, a message bus, timers run by hand, a token endpoint. */
function fakeBrowser(tokenAnswers: Array<Record<string, unknown> | number>) {
  let now = 1_000_000;
  const popup = { closed: false, location: { href: 'about:blank' } } as unknown as Window;
  let listener: ((data: unknown, source: unknown) => void) | undefined;
  const timers: Array<{ fn: () => void; at: number }> = [];
  const forms: URLSearchParams[] = [];
  const deps: CognitoSessionDeps = {
    now: () => now,
    openPopup: () => popup,
    onMessage: (l) => {
      listener = l;
      return () => {
        listener = undefined;
      };
    },
    setTimer: (fn, ms) => {
      const t = { fn, at: now + ms };
      timers.push(t);
      return t;
    },
    clearTimer: (h) => {
      const i = timers.indexOf(h as (typeof timers)[number]);
      if (i >= 0) timers.splice(i, 1);
    },
    fetch: (async (_url: string, init: RequestInit) => {
      forms.push(new URLSearchParams(String(init.body)));
      const answer = tokenAnswers.shift() ?? 500;
      return typeof answer === 'number'
        ? new Response(JSON.stringify({ error: 'invalid_grant' }), { status: answer })
        : new Response(JSON.stringify(answer), { status: 200 });
    }) as unknown as typeof fetch,
  };
  const post = (data: unknown, source: unknown = popup) => listener?.(data, source);
  const advance = (ms: number) => {
    now += ms;
    for (const t of [...timers].filter((x) => x.at <= now)) {
      timers.splice(timers.indexOf(t), 1);
      t.fn();
    }
  };
  /** Waits until the app has sent the popup to the login page (after the digest) and returns its state. */
  const loginState = async () => {
    while (popup.location.href === 'about:blank') await new Promise((r) => setImmediate(r));
    return new URL(popup.location.href).searchParams.get('state');
  };
  return { deps, popup, post, forms, advance, loginState };
}

const tokens = (n: number) => ({
  id_token: `id${n}`,
  access_token: `access${n}`,
  refresh_token: `refresh${n}`,
  expires_in: 3600,
});

describe('Cognito sign-in', () => {
  it('builds the managed login URL with PKCE S256 and the state', () => {
    const url = new URL(authorizeUrl(settings, { state: 's1', challenge: 'c1', lang: 'ja' }));
    expect(url.origin + url.pathname).toBe('https://center.auth.ap-northeast-1.amazoncognito.com/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client123',
      redirect_uri: settings.redirectUri,
      scope: 'openid',
      state: 's1',
      code_challenge: 'c1',
      code_challenge_method: 'S256',
      lang: 'ja',
    });
  });

  it('exchanges the code with the verifier, keeps tokens in memory and refreshes before expiry', async () => {
    // Prepare
    const b = fakeBrowser([tokens(1), { id_token: 'id2', access_token: 'access2', expires_in: 3600 }]);
    const session = new CognitoSession(settings, b.deps, () => {});
    // Act
    const signingIn = session.signIn('ja');
    const state = await b.loginState();
    b.post({ type: SIGNED_IN_MESSAGE_TYPE, code: 'code-1', state });
    await signingIn;
    // Assess
    expect(Object.fromEntries(b.forms[0]!)).toMatchObject({
      grant_type: 'authorization_code',
      client_id: 'client123',
      code: 'code-1',
      redirect_uri: settings.redirectUri,
    });
    expect(b.forms[0]!.get('code_verifier')).toMatch(/^[A-Za-z0-9\-._~]{64}$/);
    expect(new URL(b.popup.location.href).searchParams.get('code_challenge')).toBe(
      await challengeS256(b.forms[0]!.get('code_verifier')!),
    );
    await expect(session.idToken()).resolves.toBe('id1');
    // A minute before expiry the session refreshes, keeping the refresh token Cognito does not resend.
    b.advance(3600_000 - 60_000);
    await new Promise((r) => setImmediate(r));
    expect(Object.fromEntries(b.forms[1]!)).toEqual({
      client_id: 'client123',
      grant_type: 'refresh_token',
      refresh_token: 'refresh1',
    });
    await expect(session.idToken()).resolves.toBe('id2');
  });

  it('refuses an answer whose state is not the one it sent', async () => {
    const b = fakeBrowser([tokens(1)]);
    const session = new CognitoSession(settings, b.deps, () => {});
    const signingIn = session.signIn();
    await b.loginState();
    b.post({ type: SIGNED_IN_MESSAGE_TYPE, code: 'code-1', state: 'forged' });
    await expect(signingIn).rejects.toMatchObject({ reason: 'state-mismatch' });
    expect(b.forms).toHaveLength(0);
    expect(session.signedIn).toBe(false);
  });

  it('ignores messages from other windows and reports a closed popup', async () => {
    const b = fakeBrowser([tokens(1)]);
    const session = new CognitoSession(settings, b.deps, () => {});
    const signingIn = session.signIn();
    await b.loginState();
    b.post({ type: SIGNED_IN_MESSAGE_TYPE, code: 'x', state: 'x' }, {});
    (b.popup as { closed: boolean }).closed = true;
    b.advance(500);
    const err = await signingIn.catch((e) => e);
    expect(err).toBeInstanceOf(SignInError);
    expect(err.reason).toBe('closed');
  });

  it('signs out and says so when the refresh is refused', async () => {
    const b = fakeBrowser([{ ...tokens(1), expires_in: 30 }, 400]);
    const onExpired = jest.fn();
    const session = new CognitoSession(settings, b.deps, onExpired);
    const signingIn = session.signIn();
    b.post({ type: SIGNED_IN_MESSAGE_TYPE, code: 'c', state: await b.loginState() });
    await signingIn;
    // Expires within the refresh margin: the next token request refreshes, which Cognito refuses.
    await expect(session.idToken()).resolves.toBeUndefined();
    expect(onExpired).toHaveBeenCalledTimes(1);
    expect(session.signedIn).toBe(false);
  });
});

import { challengeS256, createState, createVerifier } from './pkce';

/**
 * Signing in with Cognito's managed login in a popup (the app itself runs in the agent workspace's
 * iframe, which the login page may not be framed into): authorization code + PKCE, the `state` checked,
 * the code exchanged at `/oauth2/token`. Tokens live in memory only (a reload signs in again) and are
 * refreshed a minute before they expire. API calls carry the **ID token**: its `aud` is the app client
 * id the JWT authorizer expects, and it holds `cognito:username` and `cognito:groups`, which the API
 * reads for the agent and their role.
 */
export interface CognitoSettings {
  domain: string;
  userPoolClientId: string;
  redirectUri: string;
}

export interface TokenSet {
  idToken: string;
  accessToken: string;
  refreshToken?: string;
  /** Epoch ms. */
  expiresAt: number;
}

/** What signed-in.html posts to its opener. */
export interface SignedInMessage {
  type: 'agent-app-signed-in';
  code?: string;
  state?: string;
  error?: string;
}

export const SIGNED_IN_MESSAGE_TYPE = 'agent-app-signed-in';
export const SCOPES = 'openid';
const REFRESH_MARGIN_MS = 60_000;

export class SignInError extends Error {
  constructor(
    readonly reason: 'popup-blocked' | 'state-mismatch' | 'denied' | 'token' | 'closed',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SignInError';
  }
}

export function authorizeUrl(s: CognitoSettings, p: { state: string; challenge: string; lang?: string }): string {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: s.userPoolClientId,
    redirect_uri: s.redirectUri,
    scope: SCOPES,
    state: p.state,
    code_challenge: p.challenge,
    code_challenge_method: 'S256',
  });
  if (p.lang) q.set('lang', p.lang);
  return `${trimSlash(s.domain)}/oauth2/authorize?${q}`;
}

/** POSTs a form to `/oauth2/token` and reads the tokens; `previous` keeps the refresh token a refresh does not return. */
export async function requestTokens(
  fetchFn: typeof fetch,
  s: CognitoSettings,
  form: Record<string, string>,
  now: () => number,
  previous?: TokenSet,
): Promise<TokenSet> {
  let res: Response;
  try {
    res = await fetchFn(`${trimSlash(s.domain)}/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: s.userPoolClientId, ...form }).toString(),
    });
  } catch (err) {
    throw new SignInError('token', 'the token endpoint could not be reached', { cause: err });
  }
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok || typeof body.id_token !== 'string' || typeof body.access_token !== 'string') {
    const reason = typeof body.error === 'string' ? body.error : `HTTP ${res.status}`;
    throw new SignInError('token', `the token endpoint refused: ${reason}`);
  }
  const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : 3600;
  return {
    idToken: body.id_token,
    accessToken: body.access_token,
    refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : previous?.refreshToken,
    expiresAt: now() + expiresIn * 1000,
  };
}

export interface CognitoSessionDeps {
  fetch: typeof fetch;
  now: () => number;
  /** Opens the login popup (window.open). */
  openPopup: (url: string) => Window | null;
  /** Subscribes to messages from the popup; returns the unsubscribe function. */
  onMessage: (listener: (data: unknown, source: unknown) => void) => () => void;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
}

export class CognitoSession {
  private tokens: TokenSet | undefined;
  private refreshing: Promise<TokenSet | undefined> | undefined;
  private timer: unknown;

  constructor(
    private readonly settings: CognitoSettings,
    private readonly deps: CognitoSessionDeps,
    /** Called when the session cannot be kept (refresh refused): the app shows sign-in again. */
    private readonly onExpired: () => void,
  ) {}

  get signedIn(): boolean {
    return this.tokens !== undefined;
  }

  /** Opens the managed login; resolves once the code is exchanged. Must run inside a click (popup blockers). */
  async signIn(lang?: string): Promise<void> {
    const verifier = createVerifier();
    const state = createState();
    // Open first, synchronously in the click, then navigate: awaiting the digest first loses the gesture.
    const popup = this.deps.openPopup('about:blank');
    if (!popup) throw new SignInError('popup-blocked', 'the sign-in window was blocked');
    const challenge = await challengeS256(verifier);
    popup.location.href = authorizeUrl(this.settings, { state, challenge, lang });
    const message = await new Promise<SignedInMessage>((resolve, reject) => {
      let settled = false;
      const unsubscribe = this.deps.onMessage((data, source) => {
        if (source !== popup || !isSignedInMessage(data)) return;
        settled = true;
        unsubscribe();
        resolve(data);
      });
      waitClosed(popup, this.deps, () => {
        if (settled) return true;
        unsubscribe();
        reject(new SignInError('closed', 'the sign-in window was closed'));
        return true;
      });
    });
    if (message.error) throw new SignInError('denied', message.error);
    if (!message.code || message.state !== state) throw new SignInError('state-mismatch', 'state does not match');
    const tokens = await requestTokens(
      this.deps.fetch,
      this.settings,
      {
        grant_type: 'authorization_code',
        code: message.code,
        redirect_uri: this.settings.redirectUri,
        code_verifier: verifier,
      },
      this.deps.now,
    );
    this.keep(tokens);
  }

  /** The ID token for `Authorization: Bearer`, refreshed first when it is about to expire. */
  async idToken(): Promise<string | undefined> {
    const t = this.tokens;
    if (!t) return undefined;
    if (t.expiresAt - this.deps.now() > REFRESH_MARGIN_MS) return t.idToken;
    return (await this.refresh())?.idToken;
  }

  signOut(): void {
    this.tokens = undefined;
    if (this.timer !== undefined) this.deps.clearTimer(this.timer);
    this.timer = undefined;
  }

  private keep(tokens: TokenSet): void {
    this.tokens = tokens;
    if (this.timer !== undefined) this.deps.clearTimer(this.timer);
    const inMs = Math.max(0, tokens.expiresAt - this.deps.now() - REFRESH_MARGIN_MS);
    this.timer = this.deps.setTimer(() => void this.refresh(), inMs);
  }

  private refresh(): Promise<TokenSet | undefined> {
    this.refreshing ??= (async () => {
      const current = this.tokens;
      try {
        if (!current?.refreshToken) throw new SignInError('token', 'no refresh token');
        const next = await requestTokens(
          this.deps.fetch,
          this.settings,
          { grant_type: 'refresh_token', refresh_token: current.refreshToken },
          this.deps.now,
          current,
        );
        this.keep(next);
        return next;
      } catch {
        this.signOut();
        this.onExpired();
        return undefined;
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
  }
}

/** Polls until the popup is closed or `onClosed` says the wait is over (a message arrived). */
function waitClosed(popup: Window, deps: CognitoSessionDeps, onClosed: () => boolean): void {
  const check = () => {
    if (popup.closed) onClosed();
    else deps.setTimer(check, 500);
  };
  deps.setTimer(check, 500);
}

export function isSignedInMessage(data: unknown): data is SignedInMessage {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === SIGNED_IN_MESSAGE_TYPE;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** The browser's own implementations of {@link CognitoSessionDeps}. */
export function browserSessionDeps(): CognitoSessionDeps {
  return {
    fetch: (input, init) => fetch(input, init),
    now: () => Date.now(),
    openPopup: (url) => window.open(url, 'agent-app-sign-in', 'popup,width=480,height=720'),
    onMessage: (listener) => {
      const handler = (e: MessageEvent) => {
        // Only our own signed-in.html (same origin) may hand us a code.
        if (e.origin === window.location.origin) listener(e.data, e.source);
      };
      window.addEventListener('message', handler);
      return () => window.removeEventListener('message', handler);
    },
    setTimer: (fn, ms) => window.setTimeout(fn, ms),
    clearTimer: (h) => window.clearTimeout(h as number),
  };
}

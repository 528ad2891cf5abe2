import type { AgentPrincipal } from '../../lambdas/shared/agent/contract';

/**
 * What the app reads at start from `config.json` beside its index.html: written by the stack into the
 * hosting bucket on AWS, served by the local console at `/agent/config.json`.
 */
export interface AgentAppRuntimeConfig {
  /** Base of the agent API: `/api` behind CloudFront, `/agent/api` on the local console. */
  apiBase: string;
  /** The contact center's time zone (IANA), e.g. Asia/Tokyo: every time is shown in it. */
  timeZone: string;
  defaultLocale: 'ja-JP' | 'en-US';
  /** `connect`: the Amazon Connect SDK inside the agent workspace; `local`: the local console's simulated contacts. */
  contactSource: 'connect' | 'local';
  /**
   * The local console's contact feed (`contactSource: 'local'`).
   * @default `local/contacts` beside config.json (the console's `/agent/local/contacts`)
   */
  localContactsUrl?: string;
  auth:
    | {
        /** The local console: the agent picks who they are from the configured agents (loopback only, no passwords). */
        mode: 'local';
        agents: AgentPrincipal[];
      }
    | {
        /** Cognito user pool: authorization code + PKCE through the managed login page, in a popup window. */
        mode: 'cognito';
        region: string;
        userPoolClientId: string;
        /** e.g. https://<prefix>.auth.ap-northeast-1.amazoncognito.com */
        domain: string;
        /** The page the managed login returns to (`signed-in.html` beside index.html). */
        redirectUri: string;
      };
}

/**
 * Reads config.json without zod (kept out of the bundle): checks what the app relies on and names the
 * first key that is wrong, so a broken deployment says why on screen instead of failing later.
 */
export function parseRuntimeConfig(raw: unknown): AgentAppRuntimeConfig {
  const fail = (key: string, expected: string): never => {
    throw new Error(`config.json: ${key} must be ${expected}`);
  };
  if (typeof raw !== 'object' || raw === null) return fail('(root)', 'an object');
  const c = raw as Record<string, unknown>;
  if (typeof c.apiBase !== 'string' || c.apiBase === '') fail('apiBase', 'a non-empty string');
  if (typeof c.timeZone !== 'string' || !validTimeZone(c.timeZone)) fail('timeZone', 'an IANA time zone');
  if (c.defaultLocale !== 'ja-JP' && c.defaultLocale !== 'en-US') fail('defaultLocale', '"ja-JP" or "en-US"');
  if (c.contactSource !== 'connect' && c.contactSource !== 'local') fail('contactSource', '"connect" or "local"');
  const auth = c.auth as Record<string, unknown> | undefined;
  if (typeof auth !== 'object' || auth === null) return fail('auth', 'an object');
  if (auth.mode === 'local') {
    if (!Array.isArray(auth.agents) || auth.agents.length === 0) fail('auth.agents', 'a non-empty list');
    (auth.agents as unknown[]).forEach((a, i) => {
      const agent = a as Record<string, unknown>;
      if (typeof agent?.username !== 'string' || agent.username === '') fail(`auth.agents[${i}].username`, 'a string');
      if (agent.role !== 'agent' && agent.role !== 'supervisor')
        fail(`auth.agents[${i}].role`, '"agent" or "supervisor"');
    });
  } else if (auth.mode === 'cognito') {
    for (const key of ['region', 'userPoolClientId', 'domain', 'redirectUri']) {
      if (typeof auth[key] !== 'string' || auth[key] === '') fail(`auth.${key}`, 'a non-empty string');
    }
  } else {
    fail('auth.mode', '"local" or "cognito"');
  }
  if (c.localContactsUrl !== undefined && typeof c.localContactsUrl !== 'string') fail('localContactsUrl', 'a string');
  return raw as AgentAppRuntimeConfig;
}

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

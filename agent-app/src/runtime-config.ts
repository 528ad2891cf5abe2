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

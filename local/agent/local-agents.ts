import type { AgentPrincipal } from '../../lambdas/shared/agent/contract';
import type { ContactCenterConfig } from '../../lib/config';

/**
 * Who may use the agent app on the local console. The configured agents (`contactCenter.agents`, the same
 * list the stack turns into Connect and Cognito users) when there are any; otherwise two demo agents, so a
 * fresh checkout can try both roles. Locally there is no password: the console listens on the loopback
 * interface only, and the agent picks who they are (`X-Local-Agent: <username>` on every API request).
 */

/** An agent and a supervisor, for a configuration that names no agents (the default cdk.json). */
export const DEMO_AGENTS: readonly AgentPrincipal[] = [
  { username: 'sato', role: 'agent', displayName: '佐藤 美咲' },
  { username: 'suzuki', role: 'supervisor', displayName: '鈴木 大輔' },
];

export function localAgents(config: Pick<ContactCenterConfig, 'agents'>): AgentPrincipal[] {
  if (config.agents.length === 0) return DEMO_AGENTS.map((a) => ({ ...a }));
  return config.agents.map((a) => ({
    username: a.username,
    // The Connect security profile decides the app's role too: one place to say who supervises.
    role: a.securityProfile === 'Supervisor' ? 'supervisor' : 'agent',
    // Family name first, as Japanese names are written (and as the console shows customers).
    displayName: `${a.lastName} ${a.firstName}`,
  }));
}

/** The header that names the local agent; absent or unknown → the agent API's 401. */
export const LOCAL_AGENT_HEADER = 'x-local-agent';

export function localPrincipal(
  agents: readonly AgentPrincipal[],
  header: string | string[] | undefined,
): AgentPrincipal | undefined {
  if (typeof header !== 'string') return undefined;
  const username = header.trim();
  return agents.find((a) => a.username === username);
}

import { type AgentApiRequest, createAgentApi } from '../../../lambdas/agent-api/router';
import type { AccessTrail } from '../../../lambdas/shared/agent/access-trail';
import type { AgentPrincipal } from '../../../lambdas/shared/agent/contract';
import { DEFAULT_DISPOSITIONS } from '../../../lambdas/shared/agent/dispositions';
import { createDynamoDbAccessTrail } from '../../../lambdas/shared/agent/dynamodb-access-trail';
import type { TestDynamoDb } from '../../support/local-dynamodb';

/** The agent API on the test's dynalite table, and requests as the agent app sends them. */

export const AGENT: AgentPrincipal = { username: 'agent.suzuki', role: 'agent', displayName: '鈴木 オペレーター' };
export const OTHER_AGENT: AgentPrincipal = { username: 'agent.tanaka', role: 'agent' };
export const SUPERVISOR: AgentPrincipal = { username: 'sv.sato', role: 'supervisor' };

export const NOW = new Date('2026-04-06T01:00:00.000Z');

export function accessTrailOf(db: TestDynamoDb): AccessTrail {
  return createDynamoDbAccessTrail({ tableName: db.tableName(), client: db.documentClient() });
}

export function agentApi(db: TestDynamoDb, overrides: { accessTrail?: AccessTrail; now?: () => Date } = {}) {
  const api = createAgentApi({
    store: db.store(),
    accessTrail: overrides.accessTrail ?? accessTrailOf(db),
    dispositions: DEFAULT_DISPOSITIONS,
    timeZone: 'Asia/Tokyo',
    defaultCountry: 'JP',
    now: overrides.now ?? (() => NOW),
  });
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies freely
  return async (req: Partial<AgentApiRequest> & { path: string }): Promise<{ status: number; body: any }> =>
    api({ method: 'GET', query: {}, principal: AGENT, ...req });
}

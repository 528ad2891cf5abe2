import { DEMO_AGENTS, localAgents, localPrincipal } from '../../../local/agent/local-agents';

const configured = {
  username: 'k.ito',
  firstName: '健太',
  lastName: '伊藤',
  email: 'k.ito@example.jp',
  routingProfile: 'Agents',
  securityProfile: 'Supervisor' as const,
};

test('the configured agents sign in locally, supervisors by their Connect security profile', () => {
  expect(localAgents({ agents: [configured, { ...configured, username: 'm.abe', securityProfile: 'Agent' }] })).toEqual(
    [
      { username: 'k.ito', role: 'supervisor', displayName: '伊藤 健太' },
      { username: 'm.abe', role: 'agent', displayName: '伊藤 健太' },
    ],
  );
});

test('without configured agents, an agent and a supervisor to try both roles', () => {
  const agents = localAgents({ agents: [] });
  expect(agents).toEqual(DEMO_AGENTS);
  expect(agents.map((a) => a.role).sort()).toEqual(['agent', 'supervisor']);
});

test('X-Local-Agent names a known agent or nobody', () => {
  expect(localPrincipal(DEMO_AGENTS, 'sato')).toEqual(DEMO_AGENTS[0]);
  expect(localPrincipal(DEMO_AGENTS, ' suzuki ')).toEqual(DEMO_AGENTS[1]);
  expect(localPrincipal(DEMO_AGENTS, 'mallory')).toBeUndefined();
  expect(localPrincipal(DEMO_AGENTS, undefined)).toBeUndefined();
  expect(localPrincipal(DEMO_AGENTS, ['sato', 'suzuki'])).toBeUndefined();
});

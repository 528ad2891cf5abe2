import type { ContactEnvironment, ContactOptions, ContactResult } from '../../../local/interpreter';
import { runContact, scriptedInput } from '../../../local/interpreter';
import { environment, queue } from './builders';
import { corpusFlows } from './corpus';

/**
 * Compatibility corpus: real flows exported from a Connect instance (aws-samples/amazon-connect-gitlab-cicd-terraform),
 * read in place. Their deploy-time tokens (`${F:name:F}`, `${Q:name:Q}`, `${M:name:M}`) stand for ids in a stub
 * environment; each flow either runs to the outcome asserted here or stops naming the action type it cannot run.
 */
const index = { flows: corpusFlows('acme') };

const token = (kind: 'F' | 'M' | 'Q' | 'P', name: string) => `\${${kind}:${name}:${kind}}`;

function stubEnvironment(agentsAvailable = 0): ContactEnvironment {
  const flows: ContactEnvironment['flows'] = {};
  for (const entry of index.flows) {
    const kind = entry.type === 'CONTACT_FLOW_MODULE' ? 'M' : 'F';
    flows[token(kind, entry.name)] = {
      name: entry.name,
      type: entry.type,
      content: entry.text,
    };
  }
  return environment({
    queues: {
      [token('Q', 'sales')]: queue({ name: 'Sales', agentsAvailable }),
      [token('Q', 'finance')]: queue({ name: 'Finance', agentsAvailable }),
    },
    flows,
  });
}

function runFixture(
  name: string,
  options: {
    queue?: string;
    agentsAvailable?: number;
    attributes?: Record<string, string>;
    lex?: ContactOptions['scriptedLexIntents'];
    lambdas?: ContactEnvironment['lambdas'];
  } = {},
) {
  const env = stubEnvironment(options.agentsAvailable);
  return runContact({ ...env, lambdas: options.lambdas ?? env.lambdas }, name, {
    ...(options.lex ? { scriptedLexIntents: options.lex } : {}),
    input: scriptedInput(''),
    customerEndpoint: { Address: '+81312345678', Type: 'TELEPHONE_NUMBER' },
    ...(options.queue ? { queue: token('Q', options.queue) } : {}),
    ...(options.attributes ? { attributes: options.attributes } : {}),
  });
}

function settings(result: ContactResult): string[] {
  return result.events.flatMap((e) => (e.type === 'setting' ? [`${e.name}=${e.value}`] : []));
}

describe('exported flow corpus', () => {
  it('holds the nine flows this test covers', () => {
    expect(index.flows.map((f) => f.name).sort()).toEqual([
      'acme_agent_whisper_AUTO',
      'acme_contact_flow_module_AUTO',
      'acme_customer_queue_AUTO',
      'acme_customer_whisper_AUTO',
      'acme_hold_AUTO',
      'acme_main_AUTO',
      'acme_outbound_flow1_AUTO',
      'acme_outbound_flow2_AUTO',
      'acme_queue_transfer_AUTO',
    ]);
  });

  it('acme_main_AUTO reaches its Lex block, whose bot reference resolves to nothing, and takes the error branch', async () => {
    // The block reads $.FlowAttributes.acme-lexbot, but the export's flow attribute map names the bot
    // "ACME-lexbot2-tfdemo/current": the alias ARN is empty, so even a scripted intent is never asked for.
    const asked: string[] = [];
    const result = await runFixture('acme_main_AUTO', {
      lex: async (request) => {
        asked.push(request.botAliasArn);
        return { intent: 'Sales' };
      },
    });

    expect(asked).toEqual([]);
    expect(result.outcome).toEqual({
      type: 'disconnected',
      reason: 'disconnected by acme_main_AUTO/4eced497-6e19-4457-a80f-04d2a90fa065',
    });
    expect(result.prompts).toEqual([
      'Welcome to ACME corporation',
      'We are experiencing technical difficulties. Please retry your call.',
    ]);
    expect(result.path.slice(0, 6)).toEqual([
      'cc06f7c7-7458-4de1-a177-cec53cd2374f',
      'FLOW_OBJECT_MAPS#',
      '5f4a8479-1c93-41e4-ba09-941608cf0dbc',
      'd72fa272-5878-49b0-8e9e-b9327f967cb9',
      '254b28a9-88cf-469c-b49c-a2f1d5e0fa4a',
      'f713e89c-d360-49a9-93ee-1fbaa5e0ff72',
    ]);
    expect(result.events).toContainEqual(
      expect.objectContaining({
        type: 'branch',
        via: 'error',
        value: expect.stringContaining('LexV2Bot.AliasArn is empty'),
      }),
    );
    expect(settings(result)).toContain('EventHook.CustomerQueue=acme_customer_queue_AUTO');
  });

  it('acme_contact_flow_module_AUTO appends to Journey, sets the customer queue flow and returns', async () => {
    const result = await runFixture('acme_contact_flow_module_AUTO', { attributes: { Journey: 'main' } });

    expect(result.outcome).toEqual({
      type: 'disconnected',
      reason:
        'flow ended at acme_contact_flow_module_AUTO/8c8ccbfe-c7a8-4a9a-9a38-b41fc120a5c9 before the contact was queued',
    });
    expect(result.attributes).toEqual({ Journey: 'main >> went_through_module' });
    expect(settings(result)).toEqual(['EventHook.CustomerQueue=acme_customer_queue_AUTO']);
  });

  it('acme_queue_transfer_AUTO sets both whispers and queues; an available agent answers after the customer whisper', async () => {
    const result = await runFixture('acme_queue_transfer_AUTO', { queue: 'sales', agentsAvailable: 1 });

    expect(result.outcome).toEqual({ type: 'queued', queue: 'Sales', reason: 'answered by an available agent' });
    expect(result.prompts).toEqual(['Going to Sales']);
    expect(result.events).toContainEqual({
      type: 'prompt',
      actionId: '73611771-2716-4560-afb3-bae51560752c',
      text: 'Sales',
      audience: 'agent',
    });
  });

  it('acme_queue_transfer_AUTO without a target queue takes the error branch and disconnects', async () => {
    const result = await runFixture('acme_queue_transfer_AUTO');

    expect(result.outcome.type).toBe('disconnected');
    expect(result.path.at(-1)).toBe('6ecbeecc-74b2-4f9a-b716-ec523725fee2');
  });

  it('acme_customer_queue_AUTO loops its messages with the caller still waiting', async () => {
    const result = await runFixture('acme_customer_queue_AUTO', { queue: 'finance' });

    expect(result.outcome.type).toBe('queued');
    expect(result.outcome.queue).toBe('Finance');
    expect(result.prompts).toEqual([
      'Hi, Thanks for calling. Please stay on the line for the next available representative.',
      `[prompt: ${token('P', 'CustomerQueue.wav')}]`,
    ]);
  });

  it('acme_hold_AUTO (an agent hold flow) plays its SSML message to the agent and leaves the contact on hold', async () => {
    const result = await runFixture('acme_hold_AUTO');

    expect(result.outcome.type).toBe('held');
    expect(result.outcome.reason).toMatch(/^still on hold: /);
    expect(result.prompts).toEqual([]);
    expect(result.events).toContainEqual(
      expect.objectContaining({ type: 'prompt', text: 'You are on hold', audience: 'agent' }),
    );
  });

  it('acme_agent_whisper_AUTO speaks the queue name to the agent, not the customer, then connects', async () => {
    const result = await runFixture('acme_agent_whisper_AUTO', { queue: 'sales' });

    expect(result.prompts).toEqual([]);
    expect(result.events).toContainEqual(expect.objectContaining({ type: 'prompt', text: 'Sales', audience: 'agent' }));
    expect(result.outcome).toMatchObject({ type: 'connected', queue: 'Sales' });
  });

  it('acme_customer_whisper_AUTO speaks to the customer, then connects', async () => {
    const result = await runFixture('acme_customer_whisper_AUTO', { queue: 'sales' });

    expect(result.prompts).toEqual(['Going to Sales']);
    expect(result.outcome).toMatchObject({ type: 'connected', queue: 'Sales' });
  });

  it.each(['acme_outbound_flow1_AUTO', 'acme_outbound_flow2_AUTO'])(
    '%s (an outbound whisper) sets recording and analytics, then connects',
    async (name) => {
      const result = await runFixture(name);

      expect(result.outcome.type).toBe('connected');
      expect(result.prompts).toEqual([]);
      expect(settings(result)).toEqual([
        'RecordingBehavior={"RecordingBehavior":{"RecordedParticipants":["Agent","Customer"]},"AnalyticsBehavior":{"Enabled":"True","AnalyticsLanguage":"en-US","AnalyticsRedactionBehavior":"Disabled","AnalyticsRedactionResults":"RedactedAndOriginal","ChannelConfiguration":{"Chat":{"AnalyticsModes":[]},"Voice":{"AnalyticsModes":["PostContact"]}}}}',
      ]);
    },
  );
});

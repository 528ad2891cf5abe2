import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContactEnvironment, ContactResult, FlowType } from '../../../local/interpreter';
import { runContact, scriptedInput, UnsupportedActionError } from '../../../local/interpreter';
import { environment, queue } from './builders';

/**
 * Compatibility corpus: real flows exported from a Connect instance (aws-samples/amazon-connect-gitlab-cicd-terraform),
 * read in place. Their deploy-time tokens (`${F:name:F}`, `${Q:name:Q}`, `${M:name:M}`) stand for ids in a stub
 * environment; each flow either runs to the outcome asserted here or stops naming the action type it cannot run.
 */
const FIXTURES = process.env.CONNECT_FLOW_FIXTURES ?? '/work/shared/fixtures/connect-flows/acme';

interface IndexEntry {
  file: string;
  type: FlowType;
  name: string;
}

const index = JSON.parse(readFileSync(join(FIXTURES, 'index.json'), 'utf8')) as { flows: IndexEntry[] };

const token = (kind: 'F' | 'M' | 'Q' | 'P', name: string) => `\${${kind}:${name}:${kind}}`;

function stubEnvironment(agentsAvailable = 0): ContactEnvironment {
  const flows: ContactEnvironment['flows'] = {};
  for (const entry of index.flows) {
    const kind = entry.type === 'CONTACT_FLOW_MODULE' ? 'M' : 'F';
    flows[token(kind, entry.name)] = {
      name: entry.name,
      type: entry.type,
      content: readFileSync(join(FIXTURES, entry.file), 'utf8'),
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
  options: { queue?: string; agentsAvailable?: number; attributes?: Record<string, string> } = {},
) {
  return runContact(stubEnvironment(options.agentsAvailable), name, {
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

  it('acme_main_AUTO stops at the Lex bot block, which the interpreter cannot run', async () => {
    // Act
    const error = await runFixture('acme_main_AUTO').catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(UnsupportedActionError);
    expect(error).toMatchObject({
      actionType: 'ConnectParticipantWithLexBot',
      identifier: 'f713e89c-d360-49a9-93ee-1fbaa5e0ff72',
      flow: 'acme_main_AUTO',
    });
    const partial = (error as UnsupportedActionError).result;
    expect(partial?.prompts).toEqual(['Welcome to ACME corporation']);
    expect(partial?.voice).toBe('Joanna');
    expect(partial?.path).toEqual([
      'cc06f7c7-7458-4de1-a177-cec53cd2374f',
      'FLOW_OBJECT_MAPS#',
      '5f4a8479-1c93-41e4-ba09-941608cf0dbc',
      'd72fa272-5878-49b0-8e9e-b9327f967cb9',
      '254b28a9-88cf-469c-b49c-a2f1d5e0fa4a',
      'f713e89c-d360-49a9-93ee-1fbaa5e0ff72',
    ]);
    expect(settings(partial as ContactResult)).toContain('EventHook.CustomerQueue=acme_customer_queue_AUTO');
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

  it('acme_hold_AUTO plays its SSML hold message as text', async () => {
    const result = await runFixture('acme_hold_AUTO');

    expect(result.outcome.type).toBe('queued');
    expect(result.prompts).toEqual(['You are on hold']);
  });

  it.each([
    ['acme_agent_whisper_AUTO', ['Sales']],
    ['acme_customer_whisper_AUTO', ['Going to Sales']],
  ])('%s speaks the queue name and ends', async (name, prompts) => {
    const result = await runFixture(name, { queue: 'sales' });

    expect(result.prompts).toEqual(prompts);
    expect(result.outcome.type).toBe('disconnected');
  });

  it.each(['acme_outbound_flow1_AUTO', 'acme_outbound_flow2_AUTO'])(
    '%s sets recording and analytics, then ends',
    async (name) => {
      const result = await runFixture(name);

      expect(result.outcome.type).toBe('disconnected');
      expect(result.prompts).toEqual([]);
      expect(settings(result)).toEqual([
        'RecordingBehavior={"RecordingBehavior":{"RecordedParticipants":["Agent","Customer"]},"AnalyticsBehavior":{"Enabled":"True","AnalyticsLanguage":"en-US","AnalyticsRedactionBehavior":"Disabled","AnalyticsRedactionResults":"RedactedAndOriginal","ChannelConfiguration":{"Chat":{"AnalyticsModes":[]},"Voice":{"AnalyticsModes":["PostContact"]}}}}',
      ]);
    },
  );
});

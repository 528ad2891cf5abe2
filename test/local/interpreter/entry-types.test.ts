import type { FlowDocument, FlowType } from '../../../local/interpreter';
import { runContact, scriptedInput } from '../../../local/interpreter';
import { act, environment, GENERAL_QUEUE_ARN, queue } from './builders';

/** Runs `doc` alone as a flow of `type`, the contact already targeting the General queue. */
function runAs(type: FlowType, doc: FlowDocument, contactsInQueue = 0) {
  const env = environment({
    queues: { [GENERAL_QUEUE_ARN]: queue({ contactsInQueue }) },
    flows: { entry: { name: 'Entry', type, content: doc } },
  });
  return runContact(env, 'entry', {
    input: scriptedInput(''),
    customerEndpoint: { Address: '+819012345678', Type: 'TELEPHONE_NUMBER' },
    queue: GENERAL_QUEUE_ARN,
  });
}

const sayThenEnd: FlowDocument = {
  Version: '2019-10-30',
  StartAction: 'say',
  Actions: [
    act('say', 'MessageParticipant', { Text: '$.Queue.Name のお客様です' }, { next: 'end' }),
    act('end', 'EndFlowExecution'),
  ],
};

describe('the entry flow runs as its type', () => {
  it('a customer-queue flow that ends leaves the contact waiting in queue, not "disconnected before queued"', async () => {
    const result = await runAs('CUSTOMER_QUEUE', sayThenEnd);

    expect(result.outcome).toEqual({
      type: 'queued',
      queue: 'General',
      reason: 'still waiting in queue: the customer queue flow ended at Entry/end',
    });
    expect(result.prompts).toEqual(['General のお客様です']);
  });

  it('a customer-queue flow that books a callback ends as a callback', async () => {
    const callback: FlowDocument = {
      Version: '2019-10-30',
      StartAction: 'book',
      Actions: [
        act(
          'book',
          'CreateCallbackContact',
          { InitialCallDelaySeconds: '5', MaximumConnectionAttempts: '1', RetryDelaySeconds: '60' },
          { next: 'end' },
        ),
        act('end', 'EndFlowExecution'),
      ],
    };

    expect((await runAs('CUSTOMER_QUEUE', callback)).outcome).toEqual({
      type: 'callback',
      queue: 'General',
      reason: 'flow ended at Entry/end',
    });
  });

  it('a customer-queue flow counts the contact itself among those waiting', async () => {
    const size: FlowDocument = {
      Version: '2019-10-30',
      StartAction: 'metrics',
      Actions: [
        act('metrics', 'GetMetricData', { QueueId: GENERAL_QUEUE_ARN }, { next: 'say' }),
        act('say', 'MessageParticipant', { Text: '$.Metrics.Queue.Size 人目' }, { next: 'end' }),
        act('end', 'EndFlowExecution'),
      ],
    };

    expect((await runAs('CUSTOMER_QUEUE', size, 2)).prompts).toEqual(['3 人目']);
    // The same flow run as an inbound flow: the contact is not in the queue yet.
    expect((await runAs('CONTACT_FLOW', size, 2)).prompts).toEqual(['2 人目']);
  });

  it("an agent whisper's prompts go to the agent's transcript, not the customer's; its end connects the call", async () => {
    const result = await runAs('AGENT_WHISPER', sayThenEnd);

    expect(result.prompts).toEqual([]);
    expect(result.events).toContainEqual({
      type: 'prompt',
      actionId: 'say',
      text: 'General のお客様です',
      audience: 'agent',
    });
    expect(result.outcome).toEqual({
      type: 'connected',
      queue: 'General',
      reason: 'whisper flow ended at Entry/end; the agent and the customer are connected',
    });
  });

  it('a customer whisper speaks to the customer, then connects', async () => {
    const result = await runAs('CUSTOMER_WHISPER', sayThenEnd);

    expect(result.prompts).toEqual(['General のお客様です']);
    expect(result.outcome.type).toBe('connected');
  });

  it('a hold flow leaves the contact on hold, an agent hold speaking to the agent', async () => {
    const customer = await runAs('CUSTOMER_HOLD', sayThenEnd);
    const agent = await runAs('AGENT_HOLD', sayThenEnd);

    expect(customer.outcome).toEqual({ type: 'held', reason: 'on hold: the hold flow ended at Entry/end' });
    expect(customer.prompts).toEqual(['General のお客様です']);
    expect(agent.outcome.type).toBe('held');
    expect(agent.prompts).toEqual([]);
  });

  it('a transfer flow speaks to the transferring agent, not the customer', async () => {
    const result = await runAs('QUEUE_TRANSFER', sayThenEnd);

    expect(result.prompts).toEqual([]);
    expect(result.events).toContainEqual({
      type: 'prompt',
      actionId: 'say',
      text: 'General のお客様です',
      audience: 'agent',
    });
  });

  it('an inbound flow that ends before queueing still reports it', async () => {
    const result = await runAs('CONTACT_FLOW', sayThenEnd);

    expect(result.outcome).toEqual({
      type: 'disconnected',
      reason: 'flow ended at Entry/end before the contact was queued',
    });
  });
});

import type { ContactEnvironment, FlowDocument } from '../../../local/interpreter';
import { act, flow, GENERAL_QUEUE_ARN, INSTANCE_ARN, queue, run, say } from './builders';

const CQ_ARN = `${INSTANCE_ARN}/contact-flow/cq`;
const WHISPER_ARN = `${INSTANCE_ARN}/contact-flow/whisper`;
const AGENT_WHISPER_ARN = `${INSTANCE_ARN}/contact-flow/agent-whisper`;

/** Inbound: set hooks, set queue, transfer; at capacity or on error say so. */
const inbound = flow(
  act(
    'hooks',
    'UpdateContactEventHooks',
    { EventHooks: { CustomerQueue: CQ_ARN } },
    { next: 'whisper', errors: { NoMatchingError: 'hangup' } },
  ),
  act(
    'whisper',
    'UpdateContactEventHooks',
    { EventHooks: { CustomerWhisper: WHISPER_ARN, AgentWhisper: AGENT_WHISPER_ARN } },
    { next: 'setQueue', errors: { NoMatchingError: 'hangup' } },
  ),
  act(
    'setQueue',
    'UpdateContactTargetQueue',
    { QueueId: GENERAL_QUEUE_ARN },
    { next: 'transfer', errors: { NoMatchingError: 'hangup' } },
  ),
  act('transfer', 'TransferContactToQueue', {}, { errors: { QueueAtCapacity: 'full', NoMatchingError: 'error' } }),
  say('full', 'ただいま大変混み合っております'),
  say('error', 'error'),
);

/** Customer queue flow: play messages; when interrupted offer a callback (1) or keep waiting. */
const customerQueue = flow(
  act(
    'loop',
    'MessageParticipantIteratively',
    {
      Messages: [{ Text: 'そのままお待ちください' }, { PromptId: `${INSTANCE_ARN}/prompt/music` }],
      InterruptFrequencySeconds: '60',
    },
    { conditions: [['Equals', 'MessagesInterrupted', 'offer']], errors: { NoMatchingError: 'hangup' } },
  ),
  act(
    'offer',
    'GetParticipantInput',
    { Text: 'コールバックをご希望の場合は 1 を押してください', StoreInput: 'False', InputTimeLimitSeconds: '5' },
    { conditions: [['Equals', '1', 'number']], errors: { NoMatchingCondition: 'loop', NoMatchingError: 'loop' } },
  ),
  act(
    'number',
    'UpdateContactCallbackNumber',
    { CallbackNumber: '$.CustomerEndpoint.Address' },
    { next: 'callback', errors: { InvalidCallbackNumber: 'noNumber', NoMatchingError: 'loop' } },
  ),
  act(
    'callback',
    'CreateCallbackContact',
    { InitialCallDelaySeconds: '5', MaximumConnectionAttempts: '2', RetryDelaySeconds: '600' },
    { next: 'bye', errors: { NoMatchingError: 'loop' } },
  ),
  say('bye', '折り返しお電話いたします'),
  say('noNumber', '番号が通知されていないため、コールバックできません', 'loop'),
);

const whisper: FlowDocument = {
  Version: '2019-10-30',
  StartAction: 'w',
  Actions: [
    act('w', 'MessageParticipant', { Text: '$.Queue.Name におつなぎします' }, { next: 'end' }),
    act('end', 'EndFlowExecution'),
  ],
};
const agentWhisper: FlowDocument = {
  Version: '2019-10-30',
  StartAction: 'w',
  Actions: [
    act('w', 'MessageParticipant', { Text: 'tier $.Attributes.tier' }, { next: 'end' }),
    act('end', 'EndFlowExecution'),
  ],
};

function env(q: Parameters<typeof queue>[0] = {}): Partial<ContactEnvironment> {
  return {
    queues: { [GENERAL_QUEUE_ARN]: queue(q) },
    flows: {
      [CQ_ARN]: { name: 'CustomerQueue', type: 'CUSTOMER_QUEUE', content: customerQueue },
      [WHISPER_ARN]: { name: 'Whisper', type: 'CUSTOMER_WHISPER', content: whisper },
      [AGENT_WHISPER_ARN]: { name: 'AgentWhisper', type: 'AGENT_WHISPER', content: agentWhisper },
    },
  };
}

describe('TransferContactToQueue', () => {
  it('queues the contact and an available agent answers after the whispers', async () => {
    // Act
    const result = await run(inbound, { attributes: { tier: 'gold' } }, env({ agentsAvailable: 1 }));

    // Assess
    expect(result.outcome).toEqual({ type: 'queued', queue: 'General', reason: 'answered by an available agent' });
    expect(result.prompts).toEqual(['General におつなぎします']);
    expect(result.events).toContainEqual({ type: 'prompt', actionId: 'w', text: 'tier gold', audience: 'agent' });
    expect(result.path).toEqual([
      'hooks',
      'whisper',
      'setQueue',
      'transfer',
      // The agent whisper plays first, then the customer whisper (admin guide, "Contact initiation methods").
      'AgentWhisper/w',
      'AgentWhisper/end',
      'Whisper/w',
      'Whisper/end',
    ]);
  });

  it('takes QueueAtCapacity when the queue holds maxContacts contacts', async () => {
    const result = await run(inbound, {}, env({ maxContacts: 5, contactsInQueue: 5, agentsAvailable: 1 }));
    expect(result.prompts).toEqual(['ただいま大変混み合っております']);
    expect(result.outcome.type).toBe('disconnected');
  });

  it('takes the error branch without a target queue', async () => {
    const main = flow(
      act('transfer', 'TransferContactToQueue', {}, { errors: { NoMatchingError: 'error' } }),
      say('error', 'no queue'),
    );
    expect((await run(main)).prompts).toEqual(['no queue']);
  });

  it('takes the error branch for an unknown queue', async () => {
    const main = flow(
      act('q', 'UpdateContactTargetQueue', { QueueId: 'nope' }, { next: 'hangup', errors: { NoMatchingError: 'e' } }),
      say('e', 'unknown'),
    );
    expect((await run(main)).prompts).toEqual(['unknown']);
  });
});

describe('customer queue flow', () => {
  it('creates a callback when the waiting caller presses 1, ending with outcome callback', async () => {
    // Act: no agent; the first interruption offers a callback, the caller presses 1.
    const result = await run(inbound, { digits: '1' }, env());

    // Assess
    expect(result.outcome).toEqual({
      type: 'callback',
      queue: 'General',
      reason: 'disconnected by CustomerQueue/hangup',
    });
    expect(result.callback).toEqual({ queue: 'General', number: '+819012345678' });
    expect(result.prompts).toEqual([
      'そのままお待ちください',
      '[prompt: music]',
      'コールバックをご希望の場合は 1 を押してください',
      '折り返しお電話いたします',
    ]);
  });

  it('keeps the caller waiting for a bounded number of cycles, ending queued', async () => {
    const result = await run(inbound, { digits: '2_', maxQueueCycles: 2 }, env());

    expect(result.outcome).toEqual({
      type: 'queued',
      queue: 'General',
      reason: 'still waiting: CustomerQueue/loop kept looping its messages (3 cycles simulated)',
    });
    expect(result.prompts.filter((p) => p === 'そのままお待ちください')).toHaveLength(3);
    expect(result.callback).toBeUndefined();
  });

  it('refuses a callback to a withheld number (InvalidCallbackNumber) and keeps waiting', async () => {
    const result = await run(inbound, { digits: '1', customerEndpoint: null, maxQueueCycles: 1 }, env());

    expect(result.prompts).toContain('番号が通知されていないため、コールバックできません');
    expect(result.outcome.type).toBe('queued');
  });

  it('moves the waiting caller to another queue with DequeueContactAndTransferToQueue', async () => {
    // Prepare: the customer-queue flow sends every caller to Overflow, which has an agent.
    const overflowArn = `${INSTANCE_ARN}/queue/q-overflow`;
    const moving = flow(
      act(
        'move',
        'DequeueContactAndTransferToQueue',
        { QueueId: overflowArn },
        { errors: { QueueAtCapacity: 'full', NoMatchingError: 'hangup' } },
      ),
      say('full', 'overflow full'),
    );
    const base = env();
    const withOverflow = (overflow: Parameters<typeof queue>[0]) => ({
      queues: { ...base.queues, [overflowArn]: queue({ name: 'Overflow', ...overflow }) },
      flows: { ...base.flows, [CQ_ARN]: { name: 'CustomerQueue', type: 'CUSTOMER_QUEUE' as const, content: moving } },
    });

    // Act
    const answered = await run(inbound, {}, withOverflow({ agentsAvailable: 1 }));
    const full = await run(inbound, {}, withOverflow({ maxContacts: 1, contactsInQueue: 1 }));

    // Assess
    expect(answered.outcome).toEqual({ type: 'queued', queue: 'Overflow', reason: 'answered by an available agent' });
    expect(full.prompts).toEqual(['overflow full']);
    expect(full.outcome.type).toBe('disconnected');
  });

  it('waits in queue without a customer queue flow', async () => {
    const main = flow(
      act('setQueue', 'UpdateContactTargetQueue', { QueueId: 'q-general' }, { next: 'transfer' }),
      act('transfer', 'TransferContactToQueue', {}, { errors: { NoMatchingError: 'hangup' } }),
    );
    const result = await run(main, {}, env());
    expect(result.outcome).toEqual({
      type: 'queued',
      queue: 'General',
      reason: 'waiting in queue, no agent available',
    });
  });

  it('counts the waiting caller in $.Metrics.Queue.Size inside the customer queue flow', async () => {
    const position = flow(
      act(
        'metrics',
        'GetMetricData',
        { QueueChannel: 'Voice' },
        { next: 'say', errors: { NoMatchingError: 'hangup' } },
      ),
      say('say', '$.Metrics.Queue.Size 名', 'end'),
      act('end', 'EndFlowExecution'),
    );
    const before = flow(
      act('setQueue', 'UpdateContactTargetQueue', { QueueId: GENERAL_QUEUE_ARN }, { next: 'hooks' }),
      act('hooks', 'UpdateContactEventHooks', { EventHooks: { CustomerQueue: CQ_ARN } }, { next: 'metrics' }),
      act('metrics', 'GetMetricData', {}, { next: 'say', errors: { NoMatchingError: 'hangup' } }),
      say('say', '$.Metrics.Queue.Size 名', 'transfer'),
      act('transfer', 'TransferContactToQueue', {}, { errors: { NoMatchingError: 'hangup' } }),
    );
    const base = env({ contactsInQueue: 4 });
    const flows = { ...base.flows, [CQ_ARN]: { name: 'CQ', type: 'CUSTOMER_QUEUE' as const, content: position } };

    const result = await run(before, {}, { ...base, flows });

    expect(result.prompts).toEqual(['4 名', '5 名']);
  });

  it('keeps the caller in queue when the customer queue flow ends', async () => {
    const ending = flow(say('msg', 'お待ちください', 'end'), act('end', 'EndFlowExecution'));
    const base = env();
    const result = await run(
      inbound,
      {},
      { ...base, flows: { ...base.flows, [CQ_ARN]: { name: 'CQ', type: 'CUSTOMER_QUEUE', content: ending } } },
    );
    expect(result.outcome).toEqual({
      type: 'queued',
      queue: 'General',
      reason: 'still waiting: the customer queue flow ended at CQ/end',
    });
  });

  it('takes the error branch when an event hook names an unknown flow', async () => {
    const main = flow(
      act(
        'hooks',
        'UpdateContactEventHooks',
        { EventHooks: { CustomerQueue: 'nope' } },
        { next: 'hangup', errors: { NoMatchingError: 'e' } },
      ),
      say('e', 'no such flow'),
    );
    expect((await run(main)).prompts).toEqual(['no such flow']);
  });

  it('creates a callback to a number the caller entered', async () => {
    const main = flow(
      act('setQueue', 'UpdateContactTargetQueue', { QueueId: 'General' }, { next: 'ask' }),
      act(
        'ask',
        'GetParticipantInput',
        {
          Text: '番号',
          StoreInput: 'True',
          InputValidation: { PhoneNumberValidation: { NumberFormat: 'Local', CountryCode: 'JP' } },
        },
        { next: 'number', errors: { NoMatchingError: 'hangup' } },
      ),
      act(
        'number',
        'UpdateContactCallbackNumber',
        { CallbackNumber: '$.StoredCustomerInput' },
        { next: 'cb', errors: { InvalidCallbackNumber: 'hangup' } },
      ),
      act(
        'cb',
        'CreateCallbackContact',
        {
          QueueId: GENERAL_QUEUE_ARN,
          InitialCallDelaySeconds: '1',
          MaximumConnectionAttempts: '1',
          RetryDelaySeconds: '60',
        },
        { next: 'hangup', errors: { NoMatchingError: 'hangup' } },
      ),
    );
    const result = await run(main, { digits: '[09011112222#]' }, env());
    expect(result.callback).toEqual({ queue: 'General', number: '+819011112222' });
    expect(result.outcome).toEqual({ type: 'callback', queue: 'General', reason: 'disconnected by Main/hangup' });
  });
});

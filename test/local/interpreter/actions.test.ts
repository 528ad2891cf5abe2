import { FlowDocumentError, runContact, scriptedInput, UnsupportedActionError } from '../../../local/interpreter';
import { act, environment, flow, GENERAL_QUEUE_ARN, queue, run, say } from './builders';

describe('transitions and messages', () => {
  it('follows NextAction and records the path and what the caller heard', async () => {
    // Prepare
    const main = flow(
      act('hello', 'MessageParticipant', { Text: 'こんにちは' }, { next: 'ssml' }),
      act(
        'ssml',
        'MessageParticipant',
        { SSML: '<speak>ご用件を<break time="1s"/>どうぞ &amp; more</speak>' },
        { next: 'prompt' },
      ),
      act(
        'prompt',
        'MessageParticipant',
        { PromptId: `arn:aws:connect:ap-northeast-1:1:instance/x/prompt/p-1` },
        { next: 'hangup' },
      ),
    );

    // Act
    const result = await run(main);

    // Assess
    expect(result.path).toEqual(['hello', 'ssml', 'prompt', 'hangup']);
    expect(result.prompts).toEqual(['こんにちは', 'ご用件を どうぞ & more', '[prompt: p-1]']);
    expect(result.outcome).toEqual({ type: 'disconnected', reason: 'disconnected by Main/hangup' });
    expect(result.languageCode).toBe('ja-JP');
    expect(result.voice).toBe('Kazuha');
  });

  it('takes the error branch for SSML on a chat', async () => {
    const main = flow(
      act(
        'ssml',
        'MessageParticipant',
        { SSML: '<speak>hi</speak>' },
        { next: 'hangup', errors: { NoMatchingError: 'fallback' } },
      ),
      say('fallback', 'text only'),
    );

    const result = await run(main, { channel: 'CHAT' });

    expect(result.prompts).toEqual(['text only']);
    expect(result.path).toEqual(['ssml', 'fallback', 'hangup']);
  });

  it('ends with an error outcome naming the action when an error has no branch', async () => {
    const main = flow(
      act('cmp', 'Compare', { ComparisonValue: '$.Attributes.x' }, { conditions: [['Equals', '1', 'hangup']] }),
    );

    const result = await run(main, { attributes: { x: '2' } });

    expect(result.outcome.type).toBe('error');
    expect(result.outcome.reason).toBe(
      '"Main/cmp" (Compare) failed with NoMatchingCondition: no condition matches "2" and has no error branch for it',
    );
  });

  it('stops an endless loop at maxSteps with an error outcome', async () => {
    const main = flow(say('a', 'again', 'b'), say('b', 'and again', 'a'));

    const result = await run(main, { maxSteps: 10 });

    expect(result.outcome.type).toBe('error');
    expect(result.outcome.reason).toContain('stopped after 10 actions');
    expect(result.path).toHaveLength(10);
  });

  it('stops with UnsupportedActionError naming a refused type, its reason, and what happened so far', async () => {
    const main = flow(
      say('hi', 'hello', 'voice'),
      act('voice', 'CheckVoiceId', { CheckVoiceIdOption: 'voiceAuthentication' }, { next: 'hangup' }),
    );

    const error = await run(main).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UnsupportedActionError);
    expect(error).toMatchObject({ actionType: 'CheckVoiceId', identifier: 'voice', flow: 'Main' });
    expect((error as Error).message).toContain('Voice ID authentication needs the live voice biometrics service');
    expect((error as UnsupportedActionError).result?.prompts).toEqual(['hello']);
    expect((error as UnsupportedActionError).result?.path).toEqual(['hi', 'voice']);
  });

  it('stops with UnsupportedActionError on a type it does not know', async () => {
    const error = await run(flow(act('x', 'TeleportCaller', {}, { next: 'hangup' }))).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UnsupportedActionError);
    expect((error as Error).message).toContain('cannot run TeleportCaller (not an action type it knows)');
  });

  it.each([
    ['null', 'is not a flow document'],
    ['[]', 'is not a flow document'],
    ['{"Version":"2019-10-30","StartAction":"a","Actions":[null]}', 'Actions[0] has no string Identifier and Type'],
    ['{"Version":"2019-10-30","StartAction":"a","Actions":[{"Identifier":1,"Type":"X"}]}', 'Actions[0] has no string'],
    [
      '{"Version":"2019-10-30","StartAction":"a","Actions":[{"Identifier":"a","Type":"Compare","Transitions":{"Conditions":"x"}}]}',
      'Actions[0] has malformed Transitions.Conditions',
    ],
    [
      '{"Version":"2019-10-30","StartAction":"a","Actions":[{"Identifier":"a","Type":"Compare","Transitions":{"Errors":[{"ErrorType":"NoMatchingError"}]}}]}',
      'Actions[0] has malformed Transitions.Errors',
    ],
  ])('rejects hostile document %s with FlowDocumentError, never a crash', async (content, message) => {
    const env = environment({ flows: { main: { name: 'Main', type: 'CONTACT_FLOW', content } } });

    const error = await runContact(env, 'main', { input: scriptedInput('') }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(FlowDocumentError);
    expect((error as Error).message).toContain(message);
  });

  it('rejects a NextAction that names no action', async () => {
    await expect(run(flow(say('a', 'x', 'nowhere')))).rejects.toThrow(FlowDocumentError);
  });

  it('reports every event to onEvent as it happens', async () => {
    const seen: string[] = [];
    await run(flow(say('a', 'x')), { onEvent: (e) => seen.push(e.type) });
    expect(seen).toEqual(['action', 'prompt', 'action', 'end']);
  });
});

describe('Compare', () => {
  const main = flow(
    act(
      'cmp',
      'Compare',
      { ComparisonValue: '$.Attributes.tier' },
      {
        conditions: [
          ['TextStartsWith', 'g', 'gold'],
          ['Equals', 'gold', 'never'],
          ['Equals', 'platinum', 'platinum'],
        ],
        errors: { NoMatchingCondition: 'other', NoMatchingError: 'never' },
      },
    ),
    say('gold', 'gold'),
    say('platinum', 'platinum'),
    say('other', 'other'),
    say('never', 'never'),
  );

  it.each([
    ['gold', 'gold'],
    ['platinum', 'platinum'],
    ['standard', 'other'],
  ])('tier %s → %s (first true condition wins, none → NoMatchingCondition)', async (tier, heard) => {
    const result = await run(main, { attributes: { tier } });
    expect(result.prompts).toEqual([heard]);
  });

  it('falls back to NoMatchingError when NoMatchingCondition has no branch', async () => {
    const fallback = flow(
      act(
        'cmp',
        'Compare',
        { ComparisonValue: '$.Attributes.n' },
        { conditions: [['NumberGreaterThan', '5', 'big']], errors: { NoMatchingError: 'err' } },
      ),
      say('big', 'big'),
      say('err', 'fallback'),
    );
    expect((await run(fallback, { attributes: { n: 'abc' } })).prompts).toEqual(['fallback']);
    expect((await run(fallback, { attributes: { n: '6' } })).prompts).toEqual(['big']);
  });
});

describe('attributes', () => {
  it('sets contact attributes from dynamic text and later actions read them', async () => {
    const main = flow(
      act(
        'set',
        'UpdateContactAttributes',
        { Attributes: { greeting: '$.Attributes.name 様', 'a b': 'x' }, TargetContact: 'Current' },
        { next: 'say' },
      ),
      say('say', "$.Attributes.greeting / $.Attributes.['a b'] / [$.Attributes.none]"),
    );

    const result = await run(main, { attributes: { name: '山田' } });

    expect(result.prompts).toEqual(['山田 様 / x / []']);
    expect(result.attributes).toEqual({ name: '山田', greeting: '山田 様', 'a b': 'x' });
  });

  it('applies nothing when the attributes would pass 32 KB, and takes the error branch', async () => {
    const main = flow(
      act(
        'set',
        'UpdateContactAttributes',
        { Attributes: { small: 'ok', big: 'x'.repeat(33_000) } },
        { next: 'hangup', errors: { NoMatchingError: 'err' } },
      ),
      say('err', 'too big'),
    );

    const result = await run(main);

    expect(result.attributes).toEqual({});
    expect(result.prompts).toEqual(['too big']);
  });

  it('keeps flow attributes to their flow', async () => {
    const module = flow(say('m', 'module sees [$.FlowAttributes.x]', 'end'), act('end', 'EndFlowModuleExecution'));
    const main = flow(
      act('fa', 'UpdateFlowAttributes', { FlowAttributes: { x: { Value: 'main-$.Attributes.id' } } }, { next: 'mod' }),
      act(
        'mod',
        'InvokeFlowModule',
        { FlowModuleId: 'mod-1' },
        { next: 'back', errors: { NoMatchingError: 'hangup' } },
      ),
      say('back', 'main sees $.FlowAttributes.x'),
    );

    const result = await run(
      main,
      { attributes: { id: '7' } },
      { flows: { 'mod-1': { name: 'Module', type: 'CONTACT_FLOW_MODULE', content: module } } },
    );

    expect(result.prompts).toEqual(['module sees []', 'main sees main-7']);
    expect(result.path).toEqual(['fa', 'mod', 'Module/m', 'Module/end', 'back', 'hangup']);
  });
});

describe('GetParticipantInput', () => {
  const menu = (extra: Record<string, unknown> = {}) =>
    flow(
      act(
        'menu',
        'GetParticipantInput',
        { Text: '1 または 2 を押してください', InputTimeLimitSeconds: '5', StoreInput: 'False', ...extra },
        {
          conditions: [
            ['Equals', '1', 'one'],
            ['Equals', '2', 'two'],
          ],
          errors: { InputTimeLimitExceeded: 'timeout', NoMatchingCondition: 'invalid', NoMatchingError: 'error' },
        },
      ),
      say('one', 'one'),
      say('two', 'two'),
      say('timeout', 'timeout'),
      say('invalid', 'invalid'),
      say('error', 'error'),
    );

  it.each([
    ['2', 'two'],
    ['_', 'timeout'],
    ['9', 'invalid'],
  ])('key %s → %s', async (digits, heard) => {
    const result = await run(menu(), { digits });
    expect(result.prompts).toEqual(['1 または 2 を押してください', heard]);
  });

  it('asks the input callback with the prompt, time limit and one digit', async () => {
    const requests: unknown[] = [];
    await run(menu(), {
      input: async (r) => {
        requests.push(r);
        return '1';
      },
    });
    expect(requests).toEqual([
      { actionId: 'menu', prompt: '1 または 2 を押してください', timeoutSeconds: 5, maxDigits: 1 },
    ]);
  });

  it('takes the error branch on a chat without asking', async () => {
    const result = await run(menu(), { channel: 'CHAT', digits: '1' });
    expect(result.prompts).toEqual(['error']);
  });

  it('stores input without the terminator, normalized to E.164 with phone validation', async () => {
    const main = flow(
      act(
        'ask',
        'GetParticipantInput',
        {
          Text: '電話番号を入力してください',
          StoreInput: true,
          InputTimeLimitSeconds: 10,
          InputValidation: { PhoneNumberValidation: { NumberFormat: 'Local', CountryCode: 'JP' } },
          DTMFConfiguration: { InputTerminationSequence: '#' },
        },
        { next: 'echo', errors: { InvalidPhoneNumber: 'bad', NoMatchingError: 'hangup' } },
      ),
      say('echo', '$.StoredCustomerInput'),
      say('bad', 'bad number'),
    );

    expect((await run(main, { digits: '[0312345678#]' })).prompts[1]).toBe('+81312345678');
    expect((await run(main, { digits: '[12#]' })).prompts[1]).toBe('bad number');
  });

  it('cuts stored input at CustomValidation MaximumLength', async () => {
    const main = flow(
      act(
        'ask',
        'GetParticipantInput',
        { Text: 'id', StoreInput: 'True', InputValidation: { CustomValidation: { MaximumLength: '4' } } },
        { next: 'echo', errors: { NoMatchingError: 'hangup' } },
      ),
      say('echo', '[$.StoredCustomerInput]'),
    );
    expect((await run(main, { digits: '[123456]' })).prompts[1]).toBe('[1234]');
  });
});

describe('hours and metrics', () => {
  const hoursFlow = (params: Record<string, unknown>) =>
    flow(
      act('hours', 'CheckHoursOfOperation', params, {
        conditions: [
          ['Equals', 'True', 'open'],
          ['Equals', 'False', 'closed'],
        ],
        errors: { NoMatchingError: 'err' },
      }),
      say('open', 'open'),
      say('closed', 'closed'),
      say('err', 'err'),
    );

  it('checks explicit hours at env.now in the hours time zone', async () => {
    // Tuesday 10:00 Tokyo / Tuesday 19:00 Tokyo
    const explicit = hoursFlow({ HoursOfOperationId: 'Weekdays' });
    expect((await run(explicit, {}, { now: new Date('2025-06-10T01:00:00Z') })).prompts).toEqual(['open']);
    expect((await run(explicit, {}, { now: new Date('2025-06-10T10:00:00Z') })).prompts).toEqual(['closed']);
  });

  it("uses the target queue's hours when none are named, and errors without a queue", async () => {
    expect((await run(hoursFlow({}), { queue: 'General' }, { now: new Date('2025-06-14T01:00:00Z') })).prompts).toEqual(
      ['closed'],
    );
    expect((await run(hoursFlow({}))).prompts).toEqual(['err']);
  });

  it('branches on agent counts: NumberGreaterThan 0, else NoMatchingCondition (not NextAction, the error target of console exports)', async () => {
    // Shaped like the console's Check staffing export (AWS_Sample_SCV_Queue_Transfer.json): NextAction
    // and NoMatchingError share the error target; the "False" branch is NoMatchingCondition.
    const main = flow(
      act(
        'staff',
        'CheckMetricData',
        { MetricType: 'NumberOfAgentsAvailable', QueueId: GENERAL_QUEUE_ARN },
        {
          next: 'failed',
          conditions: [['NumberGreaterThan', '0', 'some']],
          errors: { NoMatchingError: 'failed', NoMatchingCondition: 'none' },
        },
      ),
      say('some', 'agents'),
      say('none', 'no agents'),
      say('failed', 'metric error'),
    );
    const busy = { queues: { [GENERAL_QUEUE_ARN]: queue({ agentsAvailable: 2 }) } };
    expect((await run(main, {}, busy)).prompts).toEqual(['agents']);
    expect((await run(main)).prompts).toEqual(['no agents']);
  });

  it('branches on queue metrics with NoMatchingCondition when no condition holds', async () => {
    const main = flow(
      act(
        'size',
        'CheckMetricData',
        { MetricType: 'NumberOfContactsInQueue' },
        {
          conditions: [['NumberGreaterOrEqualTo', '10', 'long']],
          errors: { NoMatchingCondition: 'short', NoMatchingError: 'hangup' },
        },
      ),
      say('long', 'long wait'),
      say('short', 'short wait'),
    );
    const env = (n: number) => ({ queues: { [GENERAL_QUEUE_ARN]: queue({ contactsInQueue: n }) } });
    expect((await run(main, { queue: GENERAL_QUEUE_ARN }, env(12))).prompts).toEqual(['long wait']);
    expect((await run(main, { queue: GENERAL_QUEUE_ARN }, env(3))).prompts).toEqual(['short wait']);
  });

  it('loads $.Metrics with GetMetricData', async () => {
    const main = flow(
      act(
        'metrics',
        'GetMetricData',
        { QueueId: 'q-general', QueueChannel: 'Voice' },
        { next: 'say', errors: { NoMatchingError: 'hangup' } },
      ),
      say(
        'say',
        '$.Metrics.Queue.Name: $.Metrics.Queue.Size waiting, oldest $.Metrics.Queue.OldestContactAge s, $.Metrics.Agents.Available.Count available',
      ),
    );
    const env = {
      queues: { [GENERAL_QUEUE_ARN]: queue({ contactsInQueue: 4, oldestContactAgeSeconds: 95, agentsAvailable: 1 }) },
    };
    expect((await run(main, {}, env)).prompts).toEqual(['General: 4 waiting, oldest 95 s, 1 available']);
  });
});

describe('DistributeByPercentage and Loop', () => {
  it('draws 1–100 and takes the first NumberLessThan bucket, the rest via NoMatchingCondition', async () => {
    const main = flow(
      act(
        'ab',
        'DistributeByPercentage',
        {},
        {
          conditions: [
            ['NumberLessThan', '21', 'a'],
            ['NumberLessThan', '51', 'b'],
          ],
          errors: { NoMatchingCondition: 'c' },
        },
      ),
      say('a', 'a'),
      say('b', 'b'),
      say('c', 'c'),
    );
    const heard = async (r: number) => (await run(main, {}, { random: () => r })).prompts[0];
    expect([await heard(0), await heard(0.199), await heard(0.2), await heard(0.5), await heard(0.999)]).toEqual([
      'a',
      'a',
      'b',
      'c',
      'c',
    ]);
  });

  const loop = (count: unknown) =>
    flow(
      act(
        'loop',
        'Loop',
        { LoopCount: count },
        {
          conditions: [
            ['Equals', 'ContinueLooping', 'again'],
            ['Equals', 'DoneLooping', 'done'],
          ],
        },
      ),
      say('again', 'again', 'loop'),
      say('done', 'done', 'second'),
      // The counter reset after DoneLooping: a second pass loops again.
      act(
        'second',
        'Loop',
        { LoopCount: count },
        {
          conditions: [
            ['Equals', 'ContinueLooping', 'again2'],
            ['Equals', 'DoneLooping', 'hangup'],
          ],
        },
      ),
      say('again2', 'again2', 'second'),
    );

  it('continues LoopCount times, then is done and resets (numbers written as strings or numbers)', async () => {
    expect((await run(loop('2'))).prompts).toEqual(['again', 'again', 'done', 'again2', 'again2']);
    expect((await run(loop(2))).prompts).toEqual(['again', 'again', 'done', 'again2', 'again2']);
  });

  it('is done at once with LoopCount 0', async () => {
    expect((await run(loop('0'))).prompts).toEqual(['done']);
  });

  it('counts each Loop action separately per identifier and resets after DoneLooping', async () => {
    const main = flow(
      act(
        'l',
        'Loop',
        { LoopCount: '1' },
        {
          conditions: [
            ['Equals', 'ContinueLooping', 'x'],
            ['Equals', 'DoneLooping', 'y'],
          ],
        },
      ),
      say('x', 'x', 'l'),
      say('y', 'y', 'l2'),
      act(
        'l2',
        'Loop',
        { LoopCount: '1' },
        {
          conditions: [
            ['Equals', 'ContinueLooping', 'l'],
            ['Equals', 'DoneLooping', 'hangup'],
          ],
        },
      ),
    );
    expect((await run(main)).prompts).toEqual(['x', 'y', 'x', 'y']);
  });
});

describe('contact settings', () => {
  it('changes voice and language, and records logging and recording settings', async () => {
    const main = flow(
      act('log', 'UpdateFlowLoggingBehavior', { FlowLoggingBehavior: 'Enabled' }, { next: 'rec' }),
      act(
        'rec',
        'UpdateContactRecordingBehavior',
        { RecordingBehavior: { RecordedParticipants: ['Agent', 'Customer'] } },
        { next: 'voice' },
      ),
      act(
        'voice',
        'UpdateContactTextToSpeechVoice',
        { TextToSpeechVoice: 'Joanna', TextToSpeechEngine: 'Neural' },
        { next: 'lang' },
      ),
      act(
        'lang',
        'UpdateContactData',
        { LanguageCode: 'en-US' },
        { next: 'say', errors: { NoMatchingError: 'hangup' } },
      ),
      say('say', '$.LanguageCode $.TextToSpeechVoiceId'),
    );

    const result = await run(main);

    expect(result.languageCode).toBe('en-US');
    expect(result.voice).toBe('Joanna');
    expect(result.prompts).toEqual(['en-US Joanna']);
    const settings = result.events.flatMap((e) => (e.type === 'setting' ? [`${e.name}=${e.value}`] : []));
    expect(settings).toEqual([
      'FlowLoggingBehavior=Enabled',
      'RecordingBehavior={"RecordingBehavior":{"RecordedParticipants":["Agent","Customer"]}}',
      'TextToSpeechVoice=Joanna',
      'TextToSpeechEngine=Neural',
      'LanguageCode=en-US',
    ]);
  });

  it('reads contact data through references', async () => {
    const main = flow(say('say', '$.Channel $.CustomerEndpoint.Address $.ContactId $.AwsRegion [$.Queue.Name]'));
    const result = await run(main, { contactId: 'c-1' });
    expect(result.prompts).toEqual(['VOICE +819012345678 c-1 ap-northeast-1 []']);
  });
});

describe('flows', () => {
  it('transfers to another flow, qualifying its path entries with its name', async () => {
    const other = flow(say('o', 'in other flow [$.FlowAttributes.x]'));
    const main = flow(
      act('fa', 'UpdateFlowAttributes', { FlowAttributes: { x: { Value: '1' } } }, { next: 'go' }),
      act(
        'go',
        'TransferToFlow',
        { ContactFlowId: `arn:aws:connect:ap-northeast-1:1:instance/x/contact-flow/other` },
        { errors: { NoMatchingError: 'hangup' } },
      ),
    );

    const result = await run(
      main,
      {},
      { flows: { other: { name: 'Other', type: 'CONTACT_FLOW', content: JSON.stringify(other) } } },
    );

    expect(result.path).toEqual(['fa', 'go', 'Other/o', 'Other/hangup']);
    expect(result.prompts).toEqual(['in other flow []']);
  });

  it('takes the error branch for an unknown flow or module', async () => {
    const main = flow(
      act('go', 'TransferToFlow', { ContactFlowId: 'nope' }, { errors: { NoMatchingError: 'mod' } }),
      act('mod', 'InvokeFlowModule', { FlowModuleId: 'nope' }, { next: 'hangup', errors: { NoMatchingError: 'err' } }),
      say('err', 'both failed'),
    );
    expect((await run(main)).prompts).toEqual(['both failed']);
  });

  it('ends the contact when an entry flow ends before queueing', async () => {
    const result = await run({ Version: '2019-10-30', StartAction: 'end', Actions: [act('end', 'EndFlowExecution')] });
    expect(result.outcome).toEqual({
      type: 'disconnected',
      reason: 'flow ended at Main/end before the contact was queued',
    });
  });
});

import type { ContactEnvironment, FlowDocument, TraceEvent } from '../../../local/interpreter';
import { LocalCases, LocalCustomerProfiles, scriptedLexIntents, scriptedViewResults } from '../../../local/interpreter';
import { act, flow, INSTANCE_ARN, run, say } from './builders';

const settings = (events: readonly TraceEvent[]) =>
  events.flatMap((e) => (e.type === 'setting' ? [`${e.name}=${e.value}`] : []));

describe('ShowView', () => {
  const guide = flow(
    act(
      'view',
      'ShowView',
      {
        ViewResource: { Id: 'form', Version: 'Latest' },
        InvocationTimeLimitSeconds: '300',
        ViewData: { Heading: 'ご用件 $.Attributes.topic', Sections: [{ Label: '$.Attributes.topic' }] },
      },
      {
        next: 'failed',
        conditions: [
          ['Equals', 'Next', 'next'],
          ['Equals', 'Back', 'back'],
        ],
        errors: { NoMatchingCondition: 'other', NoMatchingError: 'failed', TimeLimitExceeded: 'late' },
      },
    ),
    say('next', '$.Views.Action: $.Views.ViewResultData.FormData.reason.0'),
    say('back', 'back'),
    say('other', 'other action'),
    say('late', 'timed out'),
    say('failed', 'failed'),
  );

  it('hands the agent the evaluated view data and branches on the action the agent chose', async () => {
    const requests: unknown[] = [];
    const views = scriptedViewResults([{ action: 'Next', data: { FormData: { reason: ['返品'] } } }]);

    const result = await run(guide, {
      channel: 'CHAT',
      attributes: { topic: '返品' },
      views: async (request) => {
        requests.push(request);
        return views(request);
      },
    });

    expect(result.prompts).toEqual(['Next: 返品']);
    expect(requests).toEqual([
      {
        actionId: 'view',
        viewId: 'form',
        data: { Heading: 'ご用件 返品', Sections: [{ Label: '返品' }] },
        timeLimitSeconds: 300,
      },
    ]);
  });

  it('takes TimeLimitExceeded when nobody acts, NoMatchingCondition on an action with no branch', async () => {
    expect((await run(guide, { channel: 'CHAT' })).prompts).toEqual(['timed out']);
    const other = await run(guide, { channel: 'CHAT', views: scriptedViewResults([{ action: 'Cancel' }]) });
    expect(other.prompts).toEqual(['other action']);
  });

  it('takes the error branch on hostile ViewData nested without end, instead of crashing', async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 5000; i += 1) deep = [deep];
    const hostile = flow(
      act(
        'view',
        'ShowView',
        { ViewResource: { Id: 'detail' }, ViewData: { Sections: deep } },
        { next: 'hangup', errors: { NoMatchingError: 'failed' } },
      ),
      say('failed', 'failed'),
    );

    const result = await run(hostile, { channel: 'CHAT', views: scriptedViewResults([{ action: 'Next' }]) });

    expect(result.prompts).toEqual(['failed']);
  });

  it('is chat only: a call takes the error branch', async () => {
    const result = await run(guide, { views: scriptedViewResults([{ action: 'Next' }]) });
    expect(result.prompts).toEqual(['failed']);
  });
});

describe('Wait', () => {
  const waiting = flow(
    act(
      'wait',
      'Wait',
      { TimeLimitSeconds: '5' },
      { next: 'failed', conditions: [['Equals', 'WaitCompleted', 'done']], errors: { NoMatchingError: 'failed' } },
    ),
    say('done', 'waited'),
    say('failed', 'failed'),
  );

  it('completes on a chat (no participant event happens in a simulation)', async () => {
    const result = await run(waiting, { channel: 'CHAT' });
    expect(result.prompts).toEqual(['waited']);
    expect(settings(result.events)).toEqual(['Wait=5 s elapsed']);
  });

  it('takes the error branch on a call', async () => {
    expect((await run(waiting)).prompts).toEqual(['failed']);
  });
});

describe('contact tags, routing, media streaming and participant state', () => {
  it('sets and removes contact tags, all or none; a "__proto__" key stays an ordinary tag', async () => {
    const main = flow(
      act(
        'tag',
        'TagContact',
        { Tags: JSON.parse('{"Department":"sales","Caller":"$.CustomerEndpoint.Address","__proto__":"odd"}') },
        { next: 'untag' },
      ),
      act('untag', 'UnTagContact', { TagKeys: ['Caller'] }, { next: 'bad' }),
      act(
        'bad',
        'TagContact',
        { Tags: { Region: 'tokyo', 'aws:owner': 'x' } },
        { next: 'hangup', errors: { NoMatchingError: 'said' } },
      ),
      say('said', 'bad tag'),
    );

    const result = await run(main);

    expect(result.tags).toEqual(JSON.parse('{"Department":"sales","__proto__":"odd"}'));
    expect(Object.keys(result.tags ?? {})).toEqual(['Department', '__proto__']);
    expect(result.prompts).toEqual(['bad tag']);
  });

  it('records routing priority, age and criteria', async () => {
    const criteria = {
      Steps: [
        {
          Expression: {
            AttributeCondition: {
              Name: 'Language',
              Value: 'Japanese',
              ProficiencyLevel: 4,
              ComparisonOperator: 'NumberGreaterOrEqualTo',
            },
          },
          Expiry: { DurationInSeconds: 30 },
        },
      ],
    };
    const main = flow(
      act('priority', 'UpdateContactRoutingBehavior', { QueuePriority: '1' }, { next: 'age' }),
      act('age', 'UpdateContactRoutingBehavior', { QueueTimeAdjustmentSeconds: '120' }, { next: 'criteria' }),
      act('criteria', 'UpdateContactRoutingCriteria', { RoutingCriteria: criteria }, { next: 'hangup' }),
    );

    const result = await run(main);

    expect(settings(result.events)).toEqual([
      'QueuePriority=1',
      'QueueTimeAdjustmentSeconds=120',
      `RoutingCriteria=${JSON.stringify(criteria)}`,
    ]);
  });

  it('records media streaming and the previous participant state on calls only', async () => {
    const main = flow(
      act(
        'stream',
        'UpdateContactMediaStreamingBehavior',
        {
          MediaStreamingState: 'Enabled',
          MediaStreamType: 'Audio',
          Participants: [{ ParticipantType: 'Customer', MediaDirections: ['From', 'To'] }],
        },
        { next: 'hold', errors: { NoMatchingError: 'failed' } },
      ),
      act(
        'hold',
        'UpdatePreviousContactParticipantState',
        { PreviousContactParticipantState: 'AgentOnHold' },
        { next: 'hangup', errors: { NoMatchingError: 'failed' } },
      ),
      say('failed', 'failed'),
    );

    const call = await run(main);
    expect(settings(call.events)).toEqual([
      'MediaStreaming={"MediaStreamingState":"Enabled","MediaStreamType":"Audio","Participants":[{"ParticipantType":"Customer","MediaDirections":["From","To"]}]}',
      'PreviousContactParticipantState=AgentOnHold',
    ]);
    expect((await run(main, { channel: 'CHAT' })).prompts).toEqual(['failed']);
  });
});

describe('TransferParticipantToThirdParty', () => {
  const transfer = (continues: string | undefined, number = '+81 3 1234 5678') =>
    flow(
      act(
        'out',
        'TransferParticipantToThirdParty',
        {
          ThirdPartyPhoneNumber: number.replaceAll(' ', ''),
          ThirdPartyConnectionTimeLimitSeconds: '30',
          ...(continues !== undefined ? { ContinueFlowExecution: continues } : {}),
        },
        { next: 'back', errors: { NoMatchingError: 'failed' } },
      ),
      say('back', 'welcome back'),
      say('failed', 'failed'),
    );

  it('hands the contact to the number for good when the flow does not continue', async () => {
    const result = await run(transfer('False'));
    expect(result.outcome).toEqual({
      type: 'transferred',
      number: '+81312345678',
      reason: 'transferred to +81312345678 by Main/out',
    });
  });

  it('continues the flow after the third-party call by default', async () => {
    expect((await run(transfer(undefined))).prompts).toEqual(['welcome back']);
  });

  it('takes the error branch on a number that is not E.164', async () => {
    expect((await run(transfer('False', '+1{{phoneNumber}}'))).prompts).toEqual(['failed']);
  });
});

describe('CreateTask', () => {
  const taskFlowArn = `${INSTANCE_ARN}/contact-flow/task-flow`;
  const task: FlowDocument = {
    Version: '2019-10-30',
    StartAction: 'end',
    Actions: [act('end', 'DisconnectParticipant')],
  };
  const create = (flowId: string) =>
    flow(
      act(
        'task',
        'CreateTask',
        {
          Name: '折り返し $.CustomerEndpoint.Address',
          ContactFlowId: flowId,
          Attributes: { reason: '$.Attributes.reason' },
          DelaySeconds: '600',
        },
        { next: 'hangup', errors: { NoMatchingError: 'failed' } },
      ),
      say('failed', 'failed'),
    );
  const env: Partial<ContactEnvironment> = {
    flows: { [taskFlowArn]: { name: 'Task flow', type: 'CONTACT_FLOW', content: task } },
  };

  it('records the task it creates (its flow runs later, as its own contact)', async () => {
    const result = await run(create(taskFlowArn), { attributes: { reason: '請求' } }, env);
    expect(result.tasks).toEqual([
      {
        name: '折り返し +819012345678',
        flow: 'Task flow',
        attributes: { reason: '請求' },
        references: {},
        delaySeconds: 600,
      },
    ]);
  });

  it('takes the error branch when the task flow does not exist', async () => {
    const result = await run(create('SELECT CONTACT FLOW'), {}, env);
    expect(result.prompts).toEqual(['failed']);
    expect(result.tasks).toBeUndefined();
  });
});

describe('Customer Profiles and Cases against local stores', () => {
  const profileFlow = flow(
    act(
      'get',
      'GetCustomerProfile',
      {
        ProfileRequestData: { PhoneNumber: '$.CustomerEndpoint.Address' },
        ProfileResponseData: ['FirstName', 'PhoneNumber'],
      },
      { next: 'found', errors: { NoneFoundError: 'create', MultipleFoundError: 'many', NoMatchingError: 'failed' } },
    ),
    act(
      'create',
      'CreateCustomerProfile',
      {
        ProfileRequestData: { FirstName: '花子', PhoneNumber: '$.CustomerEndpoint.Address' },
        ProfileResponseData: ['FirstName'],
      },
      { next: 'created', errors: { NoMatchingError: 'failed' } },
    ),
    say('found', 'おかえりなさい $.Customer.FirstName 様', 'case'),
    say('created', 'ようこそ $.Customer.FirstName 様', 'case'),
    say('many', 'many profiles'),
    say('failed', 'failed'),
    act(
      'case',
      'GetCase',
      {
        CustomerId: '$.Customer.ProfileARN',
        GetLastUpdatedCase: 'true',
        LinkContactToCase: 'true',
        CaseResponseFields: ['title', 'status'],
      },
      {
        next: 'open',
        errors: { NoneFound: 'newCase', MultipleFound: 'many', ContactNotLinked: 'failed', NoMatchingError: 'failed' },
      },
    ),
    act(
      'newCase',
      'CreateCase',
      {
        CaseTemplateId: 'template-1',
        LinkContactToCase: 'true',
        CaseRequestFields: { customer_id: '$.Customer.ProfileARN', title: '問い合わせ', status: 'open' },
      },
      { next: 'opened', errors: { ContactNotLinked: 'failed', NoMatchingError: 'failed' } },
    ),
    say('open', 'case $.Case.title is $.Case.status'),
    say('opened', 'new case $.Case.title'),
  );

  it('creates a profile and a case on the first contact and finds both on the next', async () => {
    const customerProfiles = new LocalCustomerProfiles();
    const cases = new LocalCases();

    const first = await run(profileFlow, {}, { customerProfiles, cases });
    const second = await run(profileFlow, {}, { customerProfiles, cases });

    expect(first.prompts).toEqual(['ようこそ 花子 様', 'new case 問い合わせ']);
    expect(second.prompts).toEqual(['おかえりなさい 花子 様', 'case 問い合わせ is open']);
    const [found] = cases.search({ title: '問い合わせ' });
    expect(found?.contactIds).toHaveLength(2);
  });

  it('takes MultipleFoundError when two profiles share the number', async () => {
    const customerProfiles = new LocalCustomerProfiles();
    customerProfiles.create({ PhoneNumber: '+819012345678' });
    customerProfiles.create({ PhoneNumber: '+819012345678' });

    expect((await run(profileFlow, {}, { customerProfiles })).prompts).toEqual(['many profiles']);
  });

  it('will not create a case without a customer profile', async () => {
    const orphan = flow(
      act(
        'newCase',
        'CreateCase',
        { CaseTemplateId: 't', CaseRequestFields: { title: 'x', customer_id: '$.Customer.ProfileARN' } },
        { next: 'hangup', errors: { NoMatchingError: 'failed' } },
      ),
      say('failed', 'no customer'),
    );
    expect((await run(orphan)).prompts).toEqual(['no customer']);
  });
});

describe('ConnectParticipantWithLexBot through the scripted Lex stand-in', () => {
  const bot = flow(
    act(
      'lex',
      'ConnectParticipantWithLexBot',
      {
        Text: 'ご用件をお話しください',
        LexV2Bot: { AliasArn: 'arn:aws:lex:ap-northeast-1:123456789012:bot-alias/BOT/ALIAS' },
      },
      {
        next: 'failed',
        conditions: [['Equals', 'CheckBalance', 'balance']],
        errors: { NoMatchingCondition: 'other', NoMatchingError: 'failed' },
      },
    ),
    say('balance', '$.Lex.IntentName: $.Lex.Slots.account'),
    say('other', 'other intent'),
    say('failed', 'no answer'),
  );

  it('branches on the scripted intent and exposes its slots; the trace names the stand-in', async () => {
    const result = await run(bot, {
      scriptedLexIntents: scriptedLexIntents([{ intent: 'CheckBalance', slots: { account: '1234' } }]),
    });

    expect(result.prompts).toEqual(['ご用件をお話しください', 'CheckBalance: 1234']);
    expect(result.events).toContainEqual(
      expect.objectContaining({ type: 'service', service: 'Lex (scripted stand-in)', detail: 'CheckBalance' }),
    );
  });

  it('takes NoMatchingCondition on another intent and NoMatchingError with no script', async () => {
    expect((await run(bot, { scriptedLexIntents: scriptedLexIntents(['FallbackIntent']) })).prompts.at(-1)).toBe(
      'other intent',
    );
    expect((await run(bot)).prompts.at(-1)).toBe('no answer');
  });
});

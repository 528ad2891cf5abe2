import type { ConnectContactFlowEvent, Context } from 'aws-lambda';
import type { LambdaHandler } from '../../../local/interpreter';
import { UnsupportedActionError } from '../../../local/interpreter';
import { act, flow, GENERAL_QUEUE_ARN, INSTANCE_ARN, run, say } from './builders';

// biome-ignore lint/suspicious/noTemplateCurlyInString: a deploy-time placeholder, as exported flows contain
const ACCOUNT_TOKEN = '${ACCT_ID}';
const FN_ARN = 'arn:aws:lambda:ap-northeast-1:123456789012:function:ivr-lookup';

function invoke(id: string, next: string, params: Record<string, unknown> = {}) {
  return act(
    id,
    'InvokeLambdaFunction',
    {
      LambdaFunctionARN: FN_ARN,
      InvocationTimeLimitSeconds: '3',
      ResponseValidation: { ResponseType: 'STRING_MAP' },
      LambdaInvocationAttributes: { phone: '$.CustomerEndpoint.Address', digits: '$.StoredCustomerInput' },
      ...params,
    },
    { next, errors: { NoMatchingError: 'failed' } },
  );
}

const lookupFlow = (params: Record<string, unknown> = {}) =>
  flow(invoke('lookup', 'greet', params), say('greet', 'ようこそ $.External.name 様'), say('failed', 'ようこそ'));

function withHandler(handler: LambdaHandler) {
  return { lambdas: { [FN_ARN]: { name: 'ivr-lookup', handler } } };
}

describe('InvokeLambdaFunction', () => {
  it('sends a ContactFlowEvent with contact data and parameters, and exposes the result as $.External', async () => {
    // Prepare
    const calls: { event: ConnectContactFlowEvent; context: Context }[] = [];
    const handler: LambdaHandler = async (event, context) => {
      calls.push({ event, context });
      return { name: '山田', tier: 'gold' };
    };

    // Act
    const result = await run(
      lookupFlow(),
      { contactId: 'c-1', attributes: { a: '1' }, queue: 'General' },
      withHandler(handler),
    );

    // Assess
    expect(result.prompts).toEqual(['ようこそ 山田 様']);
    expect(calls).toHaveLength(1);
    const { event, context } = calls[0]!;
    expect(event).toEqual({
      Name: 'ContactFlowEvent',
      Details: {
        ContactData: {
          Attributes: { a: '1' },
          Channel: 'VOICE',
          ContactId: 'c-1',
          CustomerEndpoint: { Address: '+819012345678', Type: 'TELEPHONE_NUMBER' },
          InitialContactId: 'c-1',
          InitiationMethod: 'INBOUND',
          InstanceARN: INSTANCE_ARN,
          LanguageCode: 'ja-JP',
          MediaStreams: { Customer: { Audio: null } },
          PreviousContactId: 'c-1',
          Queue: { ARN: GENERAL_QUEUE_ARN, Name: 'General' },
          SystemEndpoint: null,
        },
        Parameters: { phone: '+819012345678', digits: '' },
      },
    });
    expect(context.functionName).toBe('ivr-lookup');
    expect(context.invokedFunctionArn).toBe(FN_ARN);
    expect(context.getRemainingTimeInMillis()).toBeLessThanOrEqual(3000);
    expect(result.lambdaCalls).toEqual([
      {
        function: 'ivr-lookup',
        parameters: { phone: '+819012345678', digits: '' },
        result: { name: '山田', tier: 'gold' },
      },
    ]);
  });

  it('sends a withheld caller as a null endpoint', async () => {
    let endpoint: unknown = 'unset';
    await run(
      lookupFlow(),
      { customerEndpoint: null },
      withHandler(async (e) => {
        endpoint = e.Details.ContactData.CustomerEndpoint;
        return {};
      }),
    );
    expect(endpoint).toBeNull();
  });

  it('replaces $.External with each result', async () => {
    const main = flow(
      invoke('first', 'second'),
      invoke('second', 'say'),
      say('say', '[$.External.one][$.External.two]'),
      say('failed', 'failed'),
    );
    let n = 0;
    const result = await run(
      main,
      {},
      withHandler(async () => (++n === 1 ? { one: '1' } : { two: '2' })),
    );
    expect(result.prompts).toEqual(['[][2]']);
  });

  it('takes the error branch when the handler outlives InvocationTimeLimitSeconds', async () => {
    // Prepare: a handler that never answers, with a 1 s limit.
    const started = Date.now();

    // Act
    const result = await run(
      lookupFlow({ InvocationTimeLimitSeconds: '1' }),
      {},
      withHandler(() => new Promise(() => {})),
    );

    // Assess
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(result.prompts).toEqual(['ようこそ']);
    expect(result.lambdaCalls[0]?.error).toBe('timed out after 1 s (InvocationTimeLimitSeconds)');
  });

  it('caps the time limit at 8 seconds', async () => {
    let remaining = 0;
    await run(
      lookupFlow({ InvocationTimeLimitSeconds: 20 }),
      {},
      withHandler(async (_e, c) => {
        remaining = c.getRemainingTimeInMillis();
        return {};
      }),
    );
    expect(remaining).toBeGreaterThan(7000);
    expect(remaining).toBeLessThanOrEqual(8000);
  });

  it.each([
    ['a number value', { name: '山田', age: 42 }, 'STRING_MAP response has non-string values: age (number)'],
    [
      'a nested object',
      { name: '山田', profile: { tier: 'gold' } },
      'STRING_MAP response has non-string values: profile (object)',
    ],
    ['null', null, 'the response is null, expected an object'],
    ['an array', ['x'], 'the response is an array, expected an object'],
    ['undefined', undefined, 'the response is undefined, expected an object'],
  ])('takes the error branch for a STRING_MAP result that is %s', async (_what, value, error) => {
    const result = await run(
      lookupFlow(),
      {},
      withHandler(async () => value),
    );
    expect(result.prompts).toEqual(['ようこそ']);
    expect(result.lambdaCalls[0]?.error).toBe(error);
  });

  it('accepts nested values with ResponseType JSON and reads them by path', async () => {
    const result = await run(
      lookupFlow({ ResponseValidation: { ResponseType: 'JSON' } }),
      {},
      withHandler(async () => ({ name: '山田', profile: { tier: 'gold' } })),
    );
    expect(result.prompts).toEqual(['ようこそ 山田 様']);
  });

  it('takes the error branch for a result larger than 32 KB', async () => {
    const result = await run(
      lookupFlow(),
      {},
      withHandler(async () => ({ name: 'x'.repeat(33 * 1024) })),
    );
    expect(result.lambdaCalls[0]?.error).toMatch(/^the response is \d+ bytes, more than 32768$/);
    expect(result.prompts).toEqual(['ようこそ']);
  });

  it('takes the error branch when the handler throws, and clears $.External', async () => {
    const main = flow(
      invoke('first', 'second'),
      invoke('second', 'say'),
      say('say', 'x'),
      say('failed', '[$.External.name]'),
    );
    let n = 0;
    const result = await run(
      main,
      {},
      withHandler(async () => {
        if (++n === 2) throw new Error('DynamoDB unavailable');
        return { name: '山田' };
      }),
    );
    expect(result.prompts).toEqual(['[]']);
    expect(result.lambdaCalls.map((c) => c.error)).toEqual([undefined, 'DynamoDB unavailable']);
  });

  it('takes the error branch for a function missing from the environment', async () => {
    const result = await run(lookupFlow());
    expect(result.prompts).toEqual(['ようこそ']);
    expect(result.lambdaCalls).toEqual([
      {
        function: FN_ARN,
        parameters: { phone: '+819012345678', digits: '' },
        error: 'function not found in the environment',
      },
    ]);
  });

  it('finds a function by the name in a dynamic ARN', async () => {
    const main = flow(
      invoke('lookup', 'greet', {
        LambdaFunctionARN: `arn:aws:lambda:$.AwsRegion:${ACCOUNT_TOKEN}:function:ivr-lookup`,
      }),
      say('greet', '$.External.name'),
      say('failed', 'failed'),
    );
    const result = await run(
      main,
      {},
      withHandler(async () => ({ name: 'found' })),
    );
    expect(result.prompts).toEqual(['found']);
  });

  it('refuses asynchronous invocation instead of guessing', async () => {
    const error = await run(
      lookupFlow({ InvocationType: 'ASYNCHRONOUS' }),
      {},
      withHandler(async () => ({})),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedActionError);
    expect((error as Error).message).toContain('InvocationType ASYNCHRONOUS');
  });
});

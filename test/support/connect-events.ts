import type { ConnectContactFlowEvent, Context } from 'aws-lambda';

/** Builds the event Amazon Connect sends to an "Invoke AWS Lambda function" block (ContactFlowEvent). */
export function aContactFlowEvent(
  options: {
    /** Caller number; `null` sends a null CustomerEndpoint (withheld), `undefined` the default number. */
    address?: string | null;
    parameters?: Record<string, string>;
    contactId?: string;
    languageCode?: string;
  } = {},
): ConnectContactFlowEvent {
  const contactId = options.contactId ?? '5ca32fbd-8f92-46af-92a5-6b0f970f0efe';
  const address = options.address === undefined ? '+81312345678' : options.address;
  return {
    Name: 'ContactFlowEvent',
    Details: {
      ContactData: {
        Attributes: {},
        Channel: 'VOICE',
        ContactId: contactId,
        CustomerEndpoint: address === null ? null : { Address: address, Type: 'TELEPHONE_NUMBER' },
        InitialContactId: contactId,
        InitiationMethod: 'INBOUND',
        InstanceARN: 'arn:aws:connect:ap-northeast-1:123456789012:instance/11111111-2222-3333-4444-555555555555',
        LanguageCode: options.languageCode ?? 'ja-JP',
        MediaStreams: { Customer: { Audio: null } },
        PreviousContactId: contactId,
        Queue: null,
        SystemEndpoint: { Address: '+81501234567', Type: 'TELEPHONE_NUMBER' },
      },
      Parameters: options.parameters ?? {},
    },
  } as unknown as ConnectContactFlowEvent;
}

/** A Lambda context good enough for middy and Powertools. */
export function aLambdaContext(functionName = 'ivr-lookup'): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:ap-northeast-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2026/04/01/[$LATEST]abcdef',
    getRemainingTimeInMillis: () => 3000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

import type { APIGatewayProxyEventV2, KinesisStreamEvent, SQSEvent } from 'aws-lambda';

/** Event builders for the intake triggers (HTTP API payload 2.0, SQS with S3 notifications, Kinesis). */

export function anHttpEvent(options: {
  routeKey: string;
  body?: unknown;
  contentType?: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
}): APIGatewayProxyEventV2 {
  const [method, path] = options.routeKey.split(' ');
  const headers: Record<string, string> = { ...options.headers };
  if (options.contentType !== undefined) headers['content-type'] = options.contentType;
  else if (options.body !== undefined) headers['content-type'] = 'application/json';
  return {
    version: '2.0',
    routeKey: options.routeKey,
    rawPath: path ?? '/',
    rawQueryString: new URLSearchParams(options.query ?? {}).toString(),
    headers,
    ...(options.query ? { queryStringParameters: options.query } : {}),
    ...(options.pathParameters ? { pathParameters: options.pathParameters } : {}),
    ...(options.body !== undefined
      ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }
      : {}),
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: {
        method: method ?? 'GET',
        path: path ?? '/',
        protocol: 'HTTP/1.1',
        sourceIp: '192.0.2.1',
        userAgent: 'jest',
      },
      requestId: 'req-1',
      routeKey: options.routeKey,
      stage: '$default',
      time: '06/Apr/2026:01:00:00 +0000',
      timeEpoch: 1775437200000,
    },
  } as APIGatewayProxyEventV2;
}

/** One SQS message per S3 object, as an S3 "ObjectCreated" notification delivered to SQS. */
export function anSqsEventOfS3Objects(objects: Array<{ bucket: string; key: string } | 'test-event'>): SQSEvent {
  return {
    Records: objects.map((o, i) => ({
      messageId: `msg-${i + 1}`,
      receiptHandle: `rh-${i + 1}`,
      body: JSON.stringify(
        o === 'test-event'
          ? { Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: 'raw-mail' }
          : {
              Records: [
                {
                  eventVersion: '2.1',
                  eventSource: 'aws:s3',
                  eventName: 'ObjectCreated:Put',
                  s3: { bucket: { name: o.bucket }, object: { key: o.key, size: 1000 } },
                },
              ],
            },
      ),
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: '1775437200000',
        SenderId: 'AIDA',
        ApproximateFirstReceiveTimestamp: '1775437200000',
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:ap-northeast-1:123456789012:inbound-mail',
      awsRegion: 'ap-northeast-1',
    })),
  };
}

export function aKinesisEvent(payloads: Array<unknown | string>): KinesisStreamEvent {
  return {
    Records: payloads.map((p, i) => ({
      kinesis: {
        kinesisSchemaVersion: '1.0',
        partitionKey: `pk-${i}`,
        sequenceNumber: `4959000000000000000000000000000000000000000000000000000${i}`,
        data: Buffer.from(typeof p === 'string' ? p : JSON.stringify(p), 'utf8').toString('base64'),
        approximateArrivalTimestamp: 1775437200,
      },
      eventSource: 'aws:kinesis',
      eventVersion: '1.0',
      eventID: `shardId-000000000000:${i}`,
      eventName: 'aws:kinesis:record',
      invokeIdentityArn: 'arn:aws:iam::123456789012:role/ctr',
      awsRegion: 'ap-northeast-1',
      eventSourceARN: 'arn:aws:kinesis:ap-northeast-1:123456789012:stream/ctr',
    })),
  };
}

/** A CTR as Connect streams it (fields intake reads, plus some it ignores). */
export function aContactTraceRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    AWSAccountId: '123456789012',
    AWSContactTraceRecordFormatVersion: '2017-03-10',
    ContactId: 'voice-0001',
    Channel: 'VOICE',
    InitiationMethod: 'INBOUND',
    InitiationTimestamp: '2026-04-06T01:00:00Z',
    ConnectedToSystemTimestamp: '2026-04-06T01:00:01Z',
    DisconnectTimestamp: '2026-04-06T01:05:30Z',
    DisconnectReason: 'CUSTOMER_DISCONNECT',
    CustomerEndpoint: { Address: '+81312345678', Type: 'TELEPHONE_NUMBER' },
    SystemEndpoint: { Address: '+81501234567', Type: 'TELEPHONE_NUMBER' },
    Queue: { Name: 'Priority', ARN: 'arn:aws:connect:ap-northeast-1:123456789012:instance/i/queue/q', Duration: 20 },
    Agent: { Username: 'agent.sato', ARN: 'arn:aws:connect:ap-northeast-1:123456789012:instance/i/agent/a' },
    Attributes: {},
    Recording: null,
    ...overrides,
  };
}

import type { SQSEvent, SQSRecord } from 'aws-lambda';
import type { VocMessage } from '../../../lambdas/shared/voc/message';

/** Event builders for the VOC queue trigger. */
let counter = 0;

export function sqsRecord(body: unknown, messageId = `msg-${++counter}`): SQSRecord {
  return {
    messageId,
    receiptHandle: `rh-${messageId}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '1735689600000',
      SenderId: 'AIDEXAMPLE',
      ApproximateFirstReceiveTimestamp: '1735689600000',
    },
    messageAttributes: {},
    md5OfBody: 'x',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:ap-northeast-1:123456789012:voc',
    awsRegion: 'ap-northeast-1',
  };
}

export function sqsEvent(bodies: unknown[]): SQSEvent {
  return { Records: bodies.map((b) => sqsRecord(b)) };
}

export function vocMessage(overrides: Partial<VocMessage> = {}): VocMessage {
  counter++;
  return {
    sourceId: `src-${counter}`,
    channel: 'CHAT',
    at: '2025-04-01T01:00:00Z',
    language: 'ja-JP',
    text: '配送が遅れて困っています。',
    ...overrides,
  };
}

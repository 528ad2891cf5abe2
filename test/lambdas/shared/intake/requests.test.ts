import {
  BadRequestError,
  chatRequestSchema,
  type FieldIssue,
  inquiryRequestSchema,
  MAX_BODY_BYTES,
  parseJsonBody,
} from '../../../../lambdas/shared/intake/requests';

const json = (body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) => ({
  headers,
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

function issuesOf(fn: () => unknown): FieldIssue[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof BadRequestError) return err.issues;
    throw err;
  }
  throw new Error('expected a BadRequestError');
}

const chat = chatRequestSchema('JP');
const inquiry = inquiryRequestSchema('JP');

describe('chat request', () => {
  it('accepts a Japanese visitor and normalizes phone and email', () => {
    const out = parseJsonBody(
      json({ displayName: ' 山田 太郎 ', phone: '03-1234-5678', email: 'Taro@Example.JP', message: 'こんにちは' }),
      chat,
    );
    expect(out).toEqual({
      displayName: '山田 太郎',
      phone: '+81312345678',
      email: 'taro@example.jp',
      message: 'こんにちは',
      locale: 'ja-JP',
    });
  });

  it.each([
    ['missing displayName', { email: 'a@example.jp' }, [{ field: 'displayName', reason: 'is required' }]],
    ['neither email nor phone', { displayName: 'A' }, [{ field: 'email', reason: 'email or phone is required' }]],
    [
      'invalid email',
      { displayName: 'A', email: 'not-an-address' },
      [{ field: 'email', reason: 'expected an email address such as taro@example.jp' }],
    ],
    [
      'invalid phone',
      { displayName: 'A', phone: '12' },
      [{ field: 'phone', reason: 'expected a phone number such as 03-1234-5678 or +81 3 1234 5678' }],
    ],
    [
      'oversized message',
      { displayName: 'A', email: 'a@example.jp', message: 'あ'.repeat(1025) },
      [{ field: 'message', reason: 'at most 1024 characters' }],
    ],
    [
      'unsupported locale',
      { displayName: 'A', email: 'a@example.jp', locale: 'fr-FR' },
      [{ field: 'locale', reason: 'expected one of ja-JP, en-US' }],
    ],
    [
      'unknown field',
      { displayName: 'A', email: 'a@example.jp', admin: true },
      [{ field: 'admin', reason: 'unknown field' }],
    ],
    ['wrong type', { displayName: 42, email: 'a@example.jp' }, [{ field: 'displayName', reason: 'expected string' }]],
    [
      'blank name',
      { displayName: '   ', email: 'a@example.jp' },
      [{ field: 'displayName', reason: 'must not be empty' }],
    ],
  ])('rejects %s', (_name, body, expected) => {
    expect(issuesOf(() => parseJsonBody(json(body), chat))).toEqual(expected);
  });
});

describe('inquiry request', () => {
  it('requires subject and message and caps the message at 4000 characters', () => {
    expect(issuesOf(() => parseJsonBody(json({ name: 'A', email: 'a@example.jp' }), inquiry))).toEqual([
      { field: 'subject', reason: 'is required' },
      { field: 'message', reason: 'is required' },
    ]);
    expect(
      issuesOf(() =>
        parseJsonBody(json({ name: 'A', email: 'a@example.jp', subject: 's', message: 'x'.repeat(4001) }), inquiry),
      ),
    ).toEqual([{ field: 'message', reason: 'at most 4000 characters' }]);
  });
});

describe('parseJsonBody envelope checks', () => {
  it.each([
    [
      'wrong content type',
      json('displayName=A', { 'content-type': 'application/x-www-form-urlencoded' }),
      [{ field: 'content-type', reason: 'expected application/json, got "application/x-www-form-urlencoded"' }],
    ],
    [
      'no content type',
      json({ displayName: 'A' }, {}),
      [{ field: 'content-type', reason: 'expected application/json, got no content type' }],
    ],
    ['empty body', json(''), [{ field: 'body', reason: 'is required (a JSON object)' }]],
    ['invalid JSON', json('{"displayName":'), [{ field: 'body', reason: 'is not valid JSON' }]],
    ['a JSON array', json([1, 2]), [{ field: 'body', reason: 'expected a JSON object' }]],
    [
      'an oversized body',
      json({ displayName: 'A', email: 'a@example.jp', message: 'x'.repeat(MAX_BODY_BYTES) }),
      [{ field: 'body', reason: `exceeds ${MAX_BODY_BYTES} bytes (${MAX_BODY_BYTES + 55})` }],
    ],
  ])('rejects %s', (_name, event, expected) => {
    expect(issuesOf(() => parseJsonBody(event, chat))).toEqual(expected);
  });

  it('accepts a charset parameter, mixed-case header names and base64 bodies', () => {
    const body = Buffer.from(JSON.stringify({ displayName: 'A', email: 'a@example.jp' })).toString('base64');
    const out = parseJsonBody(
      { headers: { 'Content-Type': 'application/json; charset=utf-8' }, body, isBase64Encoded: true },
      chat,
    );
    expect(out.email).toBe('a@example.jp');
  });
});

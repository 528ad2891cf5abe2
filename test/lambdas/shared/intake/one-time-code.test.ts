import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbOneTimeCodeStore } from '../../../../lambdas/shared/intake/dynamodb-one-time-code-store';
import {
  checkOneTimeCode,
  codeHash,
  ONE_TIME_CODE_MAX_ATTEMPTS,
  requestOneTimeCode,
} from '../../../../lambdas/shared/intake/one-time-code';
import { startChat } from '../../../../lambdas/shared/intake/web-intake';
import { aCustomer } from '../../../support/customers';
import { useLocalDynamoDb } from '../../../support/local-dynamodb';
import { RecordingAcknowledgements, RecordingChannel } from './fakes';

const NOW = new Date('2026-04-06T01:00:00.000Z');
const later = (seconds: number) => () => new Date(NOW.getTime() + seconds * 1000);

describe('one-time codes (dynalite)', () => {
  const db = useLocalDynamoDb();
  const setup = () => {
    const codes = new DynamoDbOneTimeCodeStore(db.documentClient(), db.tableName());
    const sender = new RecordingAcknowledgements();
    return { codes, sender, deps: { codes, sender, now: () => NOW, newCode: () => '042917' } };
  };

  it('sends the code to the address and stores only a hash of it', async () => {
    const { codes, sender, deps } = setup();
    await requestOneTimeCode(deps, 'taro.yamada@example.jp', 'ja-JP');
    expect(sender.sent).toEqual([
      expect.objectContaining({ to: 'taro.yamada@example.jp', subject: '確認コード: 042917' }),
    ]);
    const item = await db.documentClient().send(
      new GetCommand({
        TableName: db.tableName(),
        Key: { pk: 'OTP#taro.yamada@example.jp', sk: 'CODE' },
      }),
    );
    expect(item.Item).toMatchObject({ codeHash: codeHash('taro.yamada@example.jp', '042917'), attempts: 0 });
    expect(JSON.stringify(item.Item)).not.toContain('042917');
    expect(await checkOneTimeCode({ codes, now: () => NOW }, 'taro.yamada@example.jp', '042917')).toBe(true);
  });

  it('a code is used up by its first match, expires after 10 minutes and allows 5 attempts', async () => {
    const { codes, deps } = setup();
    await requestOneTimeCode(deps, 'a@example.jp', 'en-US');
    expect(await checkOneTimeCode({ codes, now: later(1) }, 'a@example.jp', '042917')).toBe(true);
    expect(await checkOneTimeCode({ codes, now: later(2) }, 'a@example.jp', '042917')).toBe(false);

    await requestOneTimeCode({ ...deps, now: later(60) }, 'a@example.jp', 'en-US');
    expect(await checkOneTimeCode({ codes, now: later(660) }, 'a@example.jp', '042917')).toBe(false);

    await requestOneTimeCode({ ...deps, now: later(120) }, 'a@example.jp', 'en-US');
    for (let i = 0; i < ONE_TIME_CODE_MAX_ATTEMPTS; i++) {
      expect(await checkOneTimeCode({ codes, now: later(1) }, 'a@example.jp', '000000')).toBe(false);
    }
    // The right code after 5 wrong guesses: too late.
    expect(await checkOneTimeCode({ codes, now: later(1) }, 'a@example.jp', '042917')).toBe(false);
  });

  it('a second request within a minute sends nothing (no mailbox flooding); after it, a new code', async () => {
    const { sender, deps } = setup();
    expect(await requestOneTimeCode(deps, 'c@example.jp', 'en-US')).toBe(true);
    expect(await requestOneTimeCode({ ...deps, now: later(59) }, 'c@example.jp', 'en-US')).toBe(false);
    expect(await requestOneTimeCode({ ...deps, now: later(60) }, 'c@example.jp', 'en-US')).toBe(true);
    expect(sender.sent).toHaveLength(2);
  });

  it('a keyed request keeps its code: its retry passes again, any other request finds the code used', async () => {
    const { codes, deps } = setup();
    await requestOneTimeCode(deps, 'd@example.jp', 'en-US');
    const check = (digest?: string) => checkOneTimeCode({ codes, now: () => NOW }, 'd@example.jp', '042917', digest);
    expect(await check('digest-a')).toBe(true);
    expect(await check('digest-a')).toBe(true);
    expect(await check('digest-b')).toBe(false);
    expect(await check()).toBe(false);
  });

  it('concurrent guesses each use an attempt (no shared attempt)', async () => {
    const { codes, deps } = setup();
    await requestOneTimeCode(deps, 'b@example.jp', 'en-US');
    await Promise.all(
      Array.from({ length: ONE_TIME_CODE_MAX_ATTEMPTS }, () =>
        checkOneTimeCode({ codes, now: () => NOW }, 'b@example.jp', '111111'),
      ),
    );
    expect(await checkOneTimeCode({ codes, now: () => NOW }, 'b@example.jp', '042917')).toBe(false);
  });

  it('a chat with the code sent to a customer address is verified; a wrong code is a 400 naming oneTimeCode', async () => {
    const { codes, deps } = setup();
    const store = db.store();
    await store.putCustomer(aCustomer());
    await requestOneTimeCode(deps, 'taro.yamada@example.jp', 'ja-JP');
    const chatDeps = {
      store,
      channel: new RecordingChannel(),
      now: () => NOW,
      oneTimeCodes: { codes, now: () => NOW },
    };
    const request = { displayName: '山田', email: 'taro.yamada@example.jp', locale: 'ja-JP' as const };
    await expect(startChat(chatDeps, { ...request, oneTimeCode: '999999' })).rejects.toMatchObject({
      issues: [{ field: 'oneTimeCode', reason: 'is wrong, expired or used up: request a new code' }],
    });
    const keyed = { ...request, oneTimeCode: '042917', clientToken: 'chat-with-code-1' };
    const out = await startChat(chatDeps, keyed);
    expect(out).toMatchObject({ customerId: 'C-1001', identity: 'verified' });
    // The answer was lost and the client retries the same request: the same chat, not a 400.
    await expect(startChat(chatDeps, keyed)).resolves.toMatchObject({ contactId: out.contactId, duplicate: true });
    // Another request cannot reuse the code.
    await expect(startChat(chatDeps, { ...request, oneTimeCode: '042917' })).rejects.toMatchObject({
      issues: [{ field: 'oneTimeCode' }],
    });
    expect((await store.listInteractions({ customerId: 'C-1001' })).items[0]).toMatchObject({
      identity: 'verified',
      verifiedBy: 'one-time-code',
    });
  });
});

import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDbOneTimeCodeStore } from '../../../lambdas/shared/intake/dynamodb-one-time-code-store';
import { checkOneTimeCode } from '../../../lambdas/shared/intake/one-time-code';
import { SesAcknowledgementSender } from '../../../lambdas/shared/intake/ses-acknowledgement-sender';
import { aLambdaContext } from '../../support/connect-events';
import { aCustomer } from '../../support/customers';
import { useLocalDynamoDb } from '../../support/local-dynamodb';
import { anHttpEvent } from '../shared/intake/events';

const ses = mockClient(SESv2Client);
let createHandler: typeof import('../../../lambdas/identity-codes/handler').createHandler;

beforeAll(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  Object.assign(process.env, { CUSTOMER_TABLE_NAME: 'unused', CODE_FROM_ADDRESS: 'noreply@support.example.com' });
  ({ createHandler } = require('../../../lambdas/identity-codes/handler'));
});

describe('identity-codes handler (SESv2 mocked, codes on dynalite)', () => {
  const db = useLocalDynamoDb();
  const codes = () => new DynamoDbOneTimeCodeStore(db.documentClient(), db.tableName());
  const build = () =>
    createHandler({
      codes: codes(),
      sender: new SesAcknowledgementSender(new SESv2Client({}), { fromAddress: 'noreply@support.example.com' }),
    });
  const post = (body: unknown) =>
    build()(anHttpEvent({ routeKey: 'POST /identity/codes', body }), aLambdaContext('identity-codes'));

  beforeEach(() => {
    ses.reset();
    ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
  });

  it('sends a code to the address that then verifies it; the answer is the same for anybody', async () => {
    await db.store().putCustomer(aCustomer());
    const known = await post({ email: 'Taro.Yamada@example.jp' });
    const unknown = await post({ email: 'nobody@example.org', locale: 'en-US' });
    const again = await post({ email: 'taro.yamada@example.jp' });
    for (const res of [known, unknown, again]) {
      expect(res.statusCode).toBe(202);
      expect(JSON.parse(res.body as string)).toEqual({ accepted: true });
    }
    // The third request came within a minute of the first: no second mail to that address.
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 2);
    const mail = ses.commandCalls(SendEmailCommand)[0]!.args[0].input;
    expect(mail.Destination).toEqual({ ToAddresses: ['taro.yamada@example.jp'] });
    const code = /(\d{6})/.exec(mail.Content!.Simple!.Subject!.Data!)![1]!;
    expect(await checkOneTimeCode({ codes: codes() }, 'taro.yamada@example.jp', code)).toBe(true);
  });

  it('answers 400 naming email for a bad address, sending nothing', async () => {
    const res = await post({ email: 'not-an-address' });
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body as string).issues).toEqual([
      { field: 'email', reason: 'expected an email address such as taro@example.jp' },
    ]);
    expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
  });
});

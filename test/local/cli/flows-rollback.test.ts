import {
  AssociatePhoneNumberContactFlowCommand,
  ConnectClient,
  ListContactFlowVersionsCommand,
} from '@aws-sdk/client-connect';
import { mockClient } from 'aws-sdk-client-mock';
import { runFlowsRollback } from '../../../local/cli/commands/flows-rollback';

const INSTANCE = '11111111-2222-4333-8444-555555555555';
const FLOW = '66666666-7777-4888-9999-000000000000';
const FLOW_ARN = `arn:aws:connect:ap-northeast-1:123456789012:instance/${INSTANCE}/contact-flow/${FLOW}`;
const NUMBER = '0b9f6a3e-1111-4c2d-9e8f-5a6b7c8d9e0f';
const NUMBER_ARN = `arn:aws:connect:ap-northeast-1:123456789012:phone-number/${NUMBER}`;

const connect = mockClient(ConnectClient);

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t) } };
}
const version = (n: number) => ({
  Arn: `${FLOW_ARN}:${n}`,
  Version: n,
  VersionDescription: `Inbound voice content sha256:${n}`,
});
const run = (options: Record<string, unknown>, io = capture().io) =>
  runFlowsRollback({ stage: 'aws', flowArn: FLOW_ARN, phoneNumberArn: NUMBER_ARN, ...options }, io, (region) => {
    expect(region).toBe('ap-northeast-1');
    return new ConnectClient({ region });
  });

beforeEach(() => connect.reset());

describe('contact-center flows rollback', () => {
  it('points the number at the version before the newest, across pages of versions', async () => {
    connect
      .on(ListContactFlowVersionsCommand)
      .resolvesOnce({ ContactFlowVersionSummaryList: [version(1), version(3)], NextToken: 'p2' })
      .resolvesOnce({ ContactFlowVersionSummaryList: [version(2)] });
    connect.on(AssociatePhoneNumberContactFlowCommand).resolves({});
    const { out, io } = capture();

    expect(await run({ json: true }, io)).toBe(0);
    expect(connect).toHaveReceivedCommandWith(ListContactFlowVersionsCommand, {
      InstanceId: INSTANCE,
      ContactFlowId: FLOW,
      NextToken: 'p2',
    });
    expect(connect).toHaveReceivedCommandWith(AssociatePhoneNumberContactFlowCommand, {
      PhoneNumberId: NUMBER,
      InstanceId: INSTANCE,
      ContactFlowId: `${FLOW}:2`,
    });
    expect(JSON.parse(out.stdout)).toEqual({
      flowId: FLOW,
      phoneNumberId: NUMBER,
      latestVersion: 3,
      version: 2,
      versionArn: `${FLOW_ARN}:2`,
    });
  });

  it('goes to the version named by --to-version, and refuses one that does not exist', async () => {
    connect
      .on(ListContactFlowVersionsCommand)
      .resolves({ ContactFlowVersionSummaryList: [version(1), version(2), version(3)] });
    connect.on(AssociatePhoneNumberContactFlowCommand).resolves({});
    const { out, io } = capture();
    expect(await run({ toVersion: '1' }, io)).toBe(0);
    expect(out.stdout).toContain('バージョン 1');
    expect(connect).toHaveReceivedCommandWith(AssociatePhoneNumberContactFlowCommand, { ContactFlowId: `${FLOW}:1` });

    connect.resetHistory();
    const missing = capture();
    expect(await run({ toVersion: '7' }, missing.io)).toBe(2);
    expect(missing.out.stderr).toContain(
      '--to-version: flow 66666666-7777-4888-9999-000000000000 has no version 7 (published: 3, 2, 1)',
    );
    expect(connect).not.toHaveReceivedCommand(AssociatePhoneNumberContactFlowCommand);
  });

  it('says so when there is no previous version, and changes nothing', async () => {
    connect.on(ListContactFlowVersionsCommand).resolves({ ContactFlowVersionSummaryList: [version(1)] });
    const { out, io } = capture();
    expect(await run({}, io)).toBe(1);
    expect(out.stderr).toContain('has only version 1: there is no previous version');
    expect(connect).not.toHaveReceivedCommand(AssociatePhoneNumberContactFlowCommand);
  });

  it('reports an AWS refusal without a stack trace', async () => {
    connect.on(ListContactFlowVersionsCommand).resolves({ ContactFlowVersionSummaryList: [version(1), version(2)] });
    const denied = new Error('not authorized to perform connect:AssociatePhoneNumberContactFlow');
    denied.name = 'AccessDeniedException';
    connect.on(AssociatePhoneNumberContactFlowCommand).rejects(denied);
    const { out, io } = capture();
    expect(await run({}, io)).toBe(1);
    expect(out.stderr).toBe(
      'flows rollback: AWS refused: AccessDeniedException: not authorized to perform connect:AssociatePhoneNumberContactFlow\n',
    );
  });

  it.each([
    [{ stage: 'local' }, '--stage: only "aws"'],
    [
      { flowArn: 'arn:aws:lambda:ap-northeast-1:123456789012:function:f' },
      '--flow-arn: expected the InboundFlowArn output',
    ],
    [{ phoneNumberArn: `${NUMBER_ARN}/x` }, '--phone-number-arn: expected the PhoneNumberArn output'],
    [{ toVersion: '0' }, '--to-version:'],
    [{ phoneNumberArn: NUMBER_ARN.replace('ap-northeast-1', 'us-east-1') }, 'in another region or account'],
  ])('rejects %j before calling AWS', async (options, message) => {
    const { out, io } = capture();
    expect(await run(options, io)).toBe(2);
    expect(out.stderr).toContain(message);
    expect(connect.calls()).toHaveLength(0);
  });
});

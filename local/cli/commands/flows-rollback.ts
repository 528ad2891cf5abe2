import {
  AssociatePhoneNumberContactFlowCommand,
  ConnectClient,
  type ContactFlowVersionSummary,
  ListContactFlowVersionsCommand,
} from '@aws-sdk/client-connect';
import type { Command } from 'commander';
import { z } from 'zod';
import { PHONE_NUMBER_ARN } from '../../../lib/config';
import { type CommandIo, processIo } from '../io';

/**
 * `contact-center flows rollback --stage aws --flow-arn ARN --phone-number-arn ARN [--to-version N] [--json]`
 *
 * Points the phone number at an earlier published version of the inbound flow (docs/flows.md, "Safe
 * rollout"): every deploy publishes a new `AWS::Connect::ContactFlowVersion` and retains the old ones, so
 * the previous version is still there. Without `--to-version` the target is the version just below the
 * newest. Both ARNs are stack outputs (`InboundFlowArn`, `PhoneNumberArn`). Uses the operator's AWS
 * credentials; the next deploy that changes the flow publishes a newer version and points the number at
 * it again. Exit 0 on success, 1 when AWS refuses, 2 on a usage error.
 */

const FLOW_ARN =
  /^arn:aws[a-z-]*:connect:([a-z0-9-]+):(\d{12}):instance\/([0-9a-f-]{36})\/contact-flow\/([0-9a-f-]{36})$/;

const RollbackOptionsSchema = z.object({
  stage: z.literal('aws', {
    error: () => ({ message: 'only "aws": local runs contact-flows/ as they are, unversioned' }),
  }),
  flowArn: z.string().regex(FLOW_ARN, {
    message: 'expected the InboundFlowArn output: arn:aws:connect:<region>:<account>:instance/<id>/contact-flow/<id>',
  }),
  phoneNumberArn: z.string().regex(PHONE_NUMBER_ARN, {
    message: 'expected the PhoneNumberArn output: arn:aws:connect:<region>:<account>:phone-number/<id>',
  }),
  toVersion: z.coerce.number().int().min(1).optional(),
  json: z.boolean().optional(),
});

export interface FlowsRollbackOptions {
  stage?: string;
  flowArn?: string;
  phoneNumberArn?: string;
  toVersion?: string;
  json?: boolean;
}

export interface RollbackResult {
  flowId: string;
  phoneNumberId: string;
  /** The newest published version. */
  latestVersion: number;
  /** The version the number now answers with. */
  version: number;
  versionArn: string;
}

async function listVersions(
  client: ConnectClient,
  instanceId: string,
  flowId: string,
): Promise<ContactFlowVersionSummary[]> {
  const out: ContactFlowVersionSummary[] = [];
  let NextToken: string | undefined;
  do {
    const page = await client.send(
      new ListContactFlowVersionsCommand({ InstanceId: instanceId, ContactFlowId: flowId, NextToken, MaxResults: 100 }),
    );
    out.push(...(page.ContactFlowVersionSummaryList ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return out;
}

/** Returns the exit code. `clientFor` is the seam the unit test replaces (aws-sdk-client-mock). */
export async function runFlowsRollback(
  raw: FlowsRollbackOptions,
  io: CommandIo = processIo,
  clientFor: (region: string) => ConnectClient = (region) => new ConnectClient({ region }),
): Promise<number> {
  const parsed = RollbackOptionsSchema.safeParse({ ...raw, stage: raw.stage ?? 'aws' });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const flag = `--${String(issue.path[0] ?? '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      io.stderr(`${flag}: ${issue.message}\n`);
    }
    return 2;
  }
  const options = parsed.data;
  const [, region, account, instanceId, flowId] = FLOW_ARN.exec(options.flowArn) as unknown as [
    string,
    string,
    string,
    string,
    string,
  ];
  const [, numberRegion, numberAccount, phoneNumberId] = PHONE_NUMBER_ARN.exec(options.phoneNumberArn) as unknown as [
    string,
    string,
    string,
    string,
  ];
  if (numberRegion !== region || numberAccount !== account) {
    io.stderr('--phone-number-arn: the number is in another region or account than the flow\n');
    return 2;
  }
  const client = clientFor(region);
  try {
    const versions = (await listVersions(client, instanceId, flowId))
      .filter((v): v is ContactFlowVersionSummary & { Version: number } => typeof v.Version === 'number')
      .sort((a, b) => b.Version - a.Version);
    const latest = versions[0];
    if (!latest) {
      io.stderr(`flows rollback: flow ${flowId} has no published version (deploy the stack first)\n`);
      return 1;
    }
    const target =
      options.toVersion !== undefined ? versions.find((v) => v.Version === options.toVersion) : versions[1];
    if (!target) {
      io.stderr(
        options.toVersion !== undefined
          ? `--to-version: flow ${flowId} has no version ${options.toVersion} (published: ${versions.map((v) => v.Version).join(', ')})\n`
          : `flows rollback: flow ${flowId} has only version ${latest.Version}: there is no previous version\n`,
      );
      return options.toVersion !== undefined ? 2 : 1;
    }
    await client.send(
      new AssociatePhoneNumberContactFlowCommand({
        PhoneNumberId: phoneNumberId,
        InstanceId: instanceId,
        ContactFlowId: `${flowId}:${target.Version}`,
      }),
    );
    const result: RollbackResult = {
      flowId,
      phoneNumberId,
      latestVersion: latest.Version,
      version: target.Version,
      versionArn: target.Arn ?? `${options.flowArn}:${target.Version}`,
    };
    io.stdout(
      options.json
        ? `${JSON.stringify(result, null, 2)}\n`
        : `phone number ${phoneNumberId} now answers with version ${target.Version} of flow ${flowId} (newest: ${latest.Version})\n` +
            `電話番号 ${phoneNumberId} はフロー ${flowId} のバージョン ${target.Version} で応答します（最新: ${latest.Version}）\n`,
    );
    return 0;
  } catch (e) {
    const err = e as Error;
    io.stderr(`flows rollback: AWS refused: ${err.name}: ${err.message}\n`);
    return 1;
  } finally {
    client.destroy();
  }
}

export function registerRollback(flows: Command): void {
  flows
    .command('rollback')
    .description('Point the phone number at the previous published version of the inbound flow (AWS)')
    .option('--stage <stage>', 'aws (flow versions exist only on a deployed instance)', 'aws')
    .requiredOption('--flow-arn <arn>', 'the InboundFlowArn stack output')
    .requiredOption('--phone-number-arn <arn>', 'the PhoneNumberArn stack output')
    .option('--to-version <n>', 'this published version instead of the one before the newest')
    .option('--json', 'print JSON on stdout')
    .action(async (options: FlowsRollbackOptions) => {
      process.exitCode = await runFlowsRollback(options);
    });
}

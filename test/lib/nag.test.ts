import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { buildApp } from '../../bin/app';
import { testApp } from './test-app';

function findings(scope: IConstruct): string[] {
  const report = new AwsSolutionsChecks().validateScope(scope);
  return report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`));
}

function acknowledgements(scope: IConstruct): { path: string; id: string; reason: string }[] {
  return scope.node
    .findAll()
    .flatMap((c) =>
      c.node.metadata
        .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((m) =>
          Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ path: c.node.path, id, reason })),
        ),
    );
}

// The app exactly as bin/app.ts builds it (plugin included), with agents so secrets are covered.
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'nag-'));
const app = buildApp(
  testApp(
    {
      contactCenter: {
        alarmEmail: 'oncall@example.com',
        agents: [{ username: 'sato', firstName: '花子', lastName: '佐藤', email: 'sato@example.com' }],
      },
    },
    { outdir },
  ),
);

describe('cdk-nag AwsSolutions', () => {
  test('the app has zero unacknowledged findings', () => {
    expect(findings(app)).toEqual([]);
  });

  test('synthesis with the plugin registered succeeds and writes a clean report', () => {
    expect(() => app.synth()).not.toThrow();
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: unknown[];
    };
    expect(report.pluginReports).toEqual([]);
  });

  test('every acknowledgement names one rule on one resource and says why', () => {
    const acks = acknowledgements(app);
    expect(acks.map((a) => `${a.id.replace(/^annotation::/i, '')} @ ${a.path}`).sort()).toEqual([
      'AwsSolutions-IAM5[Resource::*] @ ContactCenter/VoiceIvr/IvrLookupFunctionServiceRole',
      'AwsSolutions-KDS3 @ ContactCenter/ContactStorage/ContactTraceRecords',
      'AwsSolutions-S1 @ ContactCenter/ContactStorage/AccessLogs',
      'AwsSolutions-SMG4 @ ContactCenter/Agents/Passwordsato',
    ]);
    for (const a of acks) {
      expect(a.path).not.toBe('ContactCenter');
      expect(a.reason.length).toBeGreaterThan(60);
    }
  });

  test('the check is not vacuous: an unencrypted, unlogged bucket is reported', () => {
    const scratch = testApp({}, { outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'nag-scratch-')) });
    const stack = new Stack(scratch, 'Scratch');
    new s3.Bucket(stack, 'Plain');
    const found = findings(scratch);
    expect(found).toContain('AwsSolutions-S1 at Scratch/Plain/Resource');
    expect(found).toContain('AwsSolutions-S10 at Scratch/Plain/Resource');
    // …and with the plugin registered, synthesis fails on it.
    Validations.of(scratch).addPlugins(new AwsSolutionsChecks(scratch));
    expect(() => scratch.synth()).toThrow(/AwsSolutions-S10/);
  });
});

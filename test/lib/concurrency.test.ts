import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { buildApp, stackNameFor } from '../../bin/app';
import { ConfigError, DEFAULT_CONCURRENCY, parseConfig } from '../../lib/config';
import { ProjectFunction } from '../../lib/constructs/project-function';
import { testApp } from './test-app';

/** Concurrency: ivr-lookup reserved, the queue- and stream-driven functions capped (config.concurrency). */

function issuesOf(raw: unknown): string[] {
  try {
    parseConfig(raw);
  } catch (e) {
    if (e instanceof ConfigError) return e.issues;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

/** The stack as bin/app.ts builds it (with the email channel), without bundling the Lambda code. */
function template(contactCenter: Record<string, unknown> = {}): Template {
  const app = buildApp(
    testApp(
      {
        'aws:cdk:bundling-stacks': [],
        contactCenter: { intake: { email: { domain: 'support.example.com' } }, ...contactCenter },
      },
      { outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'concurrency-')) },
    ),
  );
  return Template.fromStack(app.node.findChild(stackNameFor(undefined)) as Stack);
}

/** The logical id of the Lambda function whose description starts with `prefix`. */
function functionId(t: Template, prefix: string): string {
  const found = Object.entries(t.findResources('AWS::Lambda::Function')).filter(([, r]) =>
    String((r as { Properties: { Description?: string } }).Properties.Description ?? '').startsWith(prefix),
  );
  expect(found).toHaveLength(1);
  return found[0]![0];
}

describe('config.concurrency', () => {
  test('defaults: 10 reserved for ivr-lookup, email 5 and VOC 2 at once, one batch per CTR shard', () => {
    expect(parseConfig({}).concurrency).toEqual({
      ivrLookupReserved: 10,
      emailIntakeMax: 5,
      vocAnalyzerMax: 2,
      ctrProcessorPerShard: 1,
    });
    expect(parseConfig({}).concurrency).toEqual(DEFAULT_CONCURRENCY);
  });

  test('bad values name the key and the range', () => {
    expect(issuesOf({ concurrency: { ivrLookupReserved: -1 } })).toEqual([
      'contactCenter.concurrency.ivrLookupReserved: Too small: expected number to be >=0',
    ]);
    expect(issuesOf({ concurrency: { emailIntakeMax: 1 } })).toEqual([
      'contactCenter.concurrency.emailIntakeMax: Too small: expected number to be >=2',
    ]);
    expect(issuesOf({ concurrency: { vocAnalyzerMax: 2.5 } })).toEqual([
      'contactCenter.concurrency.vocAnalyzerMax: Invalid input: expected int, received number',
    ]);
    expect(issuesOf({ concurrency: { ctrProcessorPerShard: 11 } })).toEqual([
      'contactCenter.concurrency.ctrProcessorPerShard: Too big: expected number to be <=10',
    ]);
    expect(issuesOf({ concurrency: { chatIntakeMax: 3 } })).toEqual([
      'contactCenter.concurrency: Unrecognized key: "chatIntakeMax"',
    ]);
  });
});

describe('the stack', () => {
  const t = template();

  test('ivr-lookup has concurrency of its own; no other function takes any from the pool', () => {
    const ivr = functionId(t, 'Looks callers up by phone number');
    t.hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 10 });
    const reserved = Object.entries(t.findResources('AWS::Lambda::Function'))
      .filter(([, r]) => (r as { Properties: Record<string, unknown> }).Properties.ReservedConcurrentExecutions)
      .map(([id]) => id);
    expect(reserved).toEqual([ivr]);
  });

  test('email-intake and the VOC analyzer are capped on their SQS event sources', () => {
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: functionId(t, 'Inbound email') },
      ScalingConfig: { MaximumConcurrency: 5 },
    });
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: functionId(t, 'Voice of the customer') },
      ScalingConfig: { MaximumConcurrency: 2 },
    });
  });

  test('ctr-processor works on one batch per shard', () => {
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: functionId(t, 'Contact trace records') },
      ParallelizationFactor: 1,
      StartingPosition: 'TRIM_HORIZON',
    });
  });

  test('every SQS event source of the stack has a cap', () => {
    const sqsSources = Object.values(t.findResources('AWS::Lambda::EventSourceMapping')).filter(
      (r) => !(r as { Properties: Record<string, unknown> }).Properties.StartingPosition,
    );
    expect(sqsSources).toHaveLength(2);
    for (const r of sqsSources) {
      expect((r as { Properties: { ScalingConfig?: unknown } }).Properties.ScalingConfig).toEqual({
        MaximumConcurrency: expect.any(Number),
      });
    }
  });
});

describe('the stack with configured concurrency', () => {
  test('the values of config.concurrency reach the functions and event sources', () => {
    const t = template({
      concurrency: { ivrLookupReserved: 50, emailIntakeMax: 3, vocAnalyzerMax: 4, ctrProcessorPerShard: 2 },
    });
    t.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^Looks callers up'),
      ReservedConcurrentExecutions: 50,
    });
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: functionId(t, 'Inbound email') },
      ScalingConfig: { MaximumConcurrency: 3 },
    });
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: functionId(t, 'Voice of the customer') },
      ScalingConfig: { MaximumConcurrency: 4 },
    });
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: functionId(t, 'Contact trace records') },
      ParallelizationFactor: 2,
    });
  });

  test('ivrLookupReserved 0 reserves nothing (it never throttles the IVR to zero)', () => {
    const t = template({ concurrency: { ivrLookupReserved: 0 } });
    const fn = t.findResources('AWS::Lambda::Function')[functionId(t, 'Looks callers up by phone number')] as {
      Properties: Record<string, unknown>;
    };
    expect(fn.Properties.ReservedConcurrentExecutions).toBeUndefined();
  });

  test('ProjectFunction refuses a reservation of 0 or a fraction', () => {
    const s = new Stack(new App(), 'Bad');
    const key = new kms.Key(s, 'K');
    const props = { entry: 'test/lib/fixtures/hello-handler.ts', logRetentionDays: 30, encryptionKey: key };
    expect(() => new ProjectFunction(s, 'Zero', { ...props, reservedConcurrentExecutions: 0 })).toThrow(
      /reservedConcurrentExecutions must be a whole number ≥ 1/,
    );
    expect(() => new ProjectFunction(s, 'Half', { ...props, reservedConcurrentExecutions: 1.5 })).toThrow(
      /reservedConcurrentExecutions must be a whole number ≥ 1/,
    );
  });
});

import { Fn, Token, Validations } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import { Construct } from 'constructs';
import { z } from 'zod';
import { normalizePhone } from '../../lambdas/shared/phone';
import { CALLER_SCENARIOS, type CallerScenario } from './caller-scenarios';

/**
 * Caller scenarios compiled into Amazon Connect native test cases (the "Testing language", `Version`
 * 2025-06-21; docs/flows.md records its shape and sources). One test case per scenario:
 *
 * 1. `TestInitiated` → `OverrideSystemBehavior`: the flow's CheckHoursOfOperation reads always-open or
 *    always-closed hours instead of BusinessHours (strategy `SubstituteResource`), so the result does not
 *    depend on when the operator runs it;
 * 2. one `MessageReceived` observation per step (`MatchingCriteria: Inclusion` on the text heard), with
 *    a `SendInstruction` / `DtmfInput` action where the caller presses a key;
 * 3. `TestCompleted` → `Assert` actions on `$.Queue.Name` and the contact attributes.
 *
 * The same compiled content runs locally (local/cli/commands/flows-test.ts) before it reaches Connect.
 */

export const TEST_LANGUAGE_VERSION = '2025-06-21';

const ObservationEventSchema = z.looseObject({
  Identifier: z.string().min(1),
  Type: z.enum(['TestInitiated', 'MessageReceived', 'TestCompleted', 'FlowActionStarted']),
  Actor: z.string(),
  Properties: z.record(z.string(), z.unknown()),
});
const TestActionSchema = z.looseObject({
  Identifier: z.string().min(1),
  Type: z.string(),
  Parameters: z.record(z.string(), z.unknown()),
  Transitions: z.looseObject({ NextAction: z.string().optional() }).optional(),
});
export const ObservationSchema = z.looseObject({
  Identifier: z.string().min(1),
  Event: ObservationEventSchema,
  Usage: z.looseObject({ Type: z.string() }).optional(),
  Actions: z.array(TestActionSchema),
  Transitions: z.looseObject({ NextObservations: z.array(z.string()).optional() }),
});
/** A test case's `Content` (the subset this project writes and the local runner reads). */
export const TestCaseContentSchema = z.looseObject({
  Version: z.literal(TEST_LANGUAGE_VERSION),
  Metadata: z.record(z.string(), z.unknown()).optional(),
  Observations: z.array(ObservationSchema).min(1),
});
export type TestCaseContent = z.output<typeof TestCaseContentSchema>;
export type Observation = z.output<typeof ObservationSchema>;

export interface CompileTargets {
  /** The hours the inbound flow checks (`${HoursOfOperation:BusinessHours}`), which the test substitutes. */
  readonly businessHoursArn: string;
  /** Hours that are always open / always closed (substituted for the scenario's `hours`). */
  readonly alwaysOpenHoursArn: string;
  readonly alwaysClosedHoursArn: string;
  /** Country for the caller's number in E.164 (`contactCenter.defaultCountry`). */
  readonly defaultCountry: string;
}

export interface CompiledTestCase {
  /** `caller-<scenario id>`. */
  readonly name: string;
  readonly description: string;
  /** The caller's number in E.164 (`EntryPoint.VoiceCallEntryPointParameters.SourcePhoneNumber`). */
  readonly sourcePhoneNumber: string;
  readonly content: TestCaseContent;
}

/** Compiles one scenario into test-case content. */
export function compileScenario(scenario: CallerScenario, targets: CompileTargets): CompiledTestCase {
  const number = normalizePhone(scenario.from, targets.defaultCountry);
  if (!number.ok || !/^\+[1-9]\d{1,14}$/.test(number.e164)) {
    throw new Error(`scenario ${scenario.id}: "${scenario.from}" is not a phone number`);
  }
  const ids = ['initiated', ...scenario.steps.map((_s, i) => `step-${i + 1}`), 'completed'];
  const next = (i: number) => ({ NextObservations: i + 1 < ids.length ? [ids[i + 1]!] : [] });
  const observations: Observation[] = [
    {
      Identifier: ids[0]!,
      Event: { Identifier: 'test-initiated', Type: 'TestInitiated', Actor: 'System', Properties: {} },
      Usage: { Type: 'EXACTLY' },
      Actions: [
        {
          Identifier: 'hours',
          Type: 'OverrideSystemBehavior',
          Parameters: {
            ActionType: 'OverrideSystemBehavior',
            Behavior: {
              Type: 'FlowAction',
              Properties: {
                ActionType: 'CheckHoursOfOperation',
                ActionParameters: { HoursOfOperationId: targets.businessHoursArn },
                Strategy: {
                  Type: 'SubstituteResource',
                  SubstituteArn: scenario.hours === 'open' ? targets.alwaysOpenHoursArn : targets.alwaysClosedHoursArn,
                },
              },
            },
          },
          Transitions: {},
        },
      ],
      Transitions: next(0),
    },
    ...scenario.steps.map(
      (step, i): Observation => ({
        Identifier: ids[i + 1]!,
        Event: {
          Identifier: `message-${i + 1}`,
          Type: 'MessageReceived',
          Actor: 'System',
          Properties: { Text: step.hear, MatchingCriteria: 'Inclusion' },
        },
        Usage: { Type: 'EXACTLY' },
        Actions:
          step.press === undefined
            ? []
            : [
                {
                  Identifier: `press-${i + 1}`,
                  Type: 'SendInstruction',
                  Parameters: {
                    ActionType: 'SendInstruction',
                    Actor: 'Customer',
                    Instruction: { Type: 'DtmfInput', Properties: { Value: step.press } },
                  },
                  Transitions: {},
                },
              ],
        Transitions: next(i + 1),
      }),
    ),
    {
      Identifier: ids.at(-1)!,
      Event: { Identifier: 'test-completed', Type: 'TestCompleted', Actor: 'System', Properties: {} },
      Usage: { Type: 'EXACTLY' },
      Actions: assertions(scenario),
      Transitions: {},
    },
  ];
  return {
    name: `caller-${scenario.id}`,
    description: scenario.description,
    sourcePhoneNumber: number.e164,
    content: { Version: TEST_LANGUAGE_VERSION, Metadata: { scenario: scenario.id }, Observations: observations },
  };
}

function assertions(scenario: CallerScenario): Observation['Actions'] {
  const checks: [string, string][] = [
    ...(scenario.queue !== undefined ? [['$.Queue.Name', scenario.queue] as [string, string]] : []),
    ...Object.entries(scenario.attributes ?? {}).map(([k, v]): [string, string] => [`$.Attributes.${k}`, v]),
  ];
  return checks.map(([Namespace, Operand], i) => ({
    Identifier: `assert-${i + 1}`,
    Type: 'Assert',
    Parameters: { Namespace, Operator: 'Equals', Operand },
    Transitions: {},
  }));
}

export interface FlowTestCasesProps {
  readonly instanceArn: string;
  /** The inbound voice flow the test calls enter (its ARN: the id is taken from it). */
  readonly inboundFlowArn: string;
  readonly businessHoursArn: string;
  /** The contact center's time zone (for the substitute hours). */
  readonly timeZone: string;
  readonly defaultCountry: string;
  /** @default CALLER_SCENARIOS */
  readonly scenarios?: readonly CallerScenario[];
}

const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;

/**
 * The caller scenarios as published `AWS::Connect::TestCase` resources, with the two substitute hours
 * of operation they use. Run them after `cdk deploy` (docs/flows.md): Connect runs at most 5 at once,
 * each for at most 5 minutes.
 */
export class FlowTestCases extends Construct {
  public readonly testCases: Readonly<Record<string, connect.CfnTestCase>>;
  public readonly alwaysOpen: connect.CfnHoursOfOperation;
  public readonly alwaysClosed: connect.CfnHoursOfOperation;

  constructor(scope: Construct, id: string, props: FlowTestCasesProps) {
    super(scope, id);
    const slice = (hours: number, minutes: number) => ({ hours, minutes });
    this.alwaysOpen = new connect.CfnHoursOfOperation(this, 'AlwaysOpen', {
      instanceArn: props.instanceArn,
      name: 'Test: always open',
      description: 'Substituted for BusinessHours by the caller test cases that need the center open',
      timeZone: props.timeZone,
      config: DAYS.map((day) => ({ day, startTime: slice(0, 0), endTime: slice(23, 59) })),
    });
    // Connect needs at least one slice: one minute on Sunday night is as closed as hours can be.
    this.alwaysClosed = new connect.CfnHoursOfOperation(this, 'AlwaysClosed', {
      instanceArn: props.instanceArn,
      name: 'Test: always closed',
      description: 'Substituted for BusinessHours by the caller test cases that need the center closed',
      timeZone: props.timeZone,
      config: [{ day: 'SUNDAY', startTime: slice(3, 0), endTime: slice(3, 1) }],
    });
    this.alwaysClosed.node.addDependency(this.alwaysOpen);
    const flowId = Token.isUnresolved(props.inboundFlowArn)
      ? Fn.select(1, Fn.split('contact-flow/', props.inboundFlowArn))
      : (props.inboundFlowArn.split('contact-flow/')[1] ?? props.inboundFlowArn);
    const cases: Record<string, connect.CfnTestCase> = {};
    let previous: Construct = this.alwaysClosed;
    for (const scenario of props.scenarios ?? CALLER_SCENARIOS) {
      const compiled = compileScenario(scenario, {
        businessHoursArn: props.businessHoursArn,
        alwaysOpenHoursArn: this.alwaysOpen.attrHoursOfOperationArn,
        alwaysClosedHoursArn: this.alwaysClosed.attrHoursOfOperationArn,
        defaultCountry: props.defaultCountry,
      });
      const testCase = new connect.CfnTestCase(this, `Caller${scenario.id.replace(/[^A-Za-z0-9]/g, '')}`, {
        instanceArn: props.instanceArn,
        name: compiled.name,
        description: compiled.description,
        status: 'PUBLISHED',
        content: JSON.stringify(compiled.content),
        entryPoint: {
          type: 'VOICE_CALL',
          voiceCallEntryPointParameters: { sourcePhoneNumber: compiled.sourcePhoneNumber, flowId },
        },
      });
      Validations.of(testCase).acknowledge({
        id: 'CloudFormation-Validate::F3031',
        reason: `SourcePhoneNumber ${compiled.sourcePhoneNumber} matches the E.164 pattern ^\\+[1-9]\\d{1,14}$ (compileScenario checks it), yet the CDK validator's bundled TestCase schema reports it as not matching that very pattern.`,
      });
      // One Connect control-plane call at a time (parallel creates throttle).
      testCase.node.addDependency(previous);
      previous = testCase;
      cases[compiled.name] = testCase;
    }
    this.testCases = cases;
  }
}

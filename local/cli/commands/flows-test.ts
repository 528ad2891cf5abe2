import type { Command } from 'commander';
import { CALLER_SCENARIOS } from '../../../lib/flows/caller-scenarios';
import {
  type CompiledTestCase,
  type CompileTargets,
  compileScenario,
  type Observation,
  TestCaseContentSchema,
} from '../../../lib/flows/test-cases';
import type { ContactResult, InputRequest } from '../../interpreter/types';
import { loadLocalConfig } from '../../runtime/config';
import { parseInstant } from '../../runtime/instant';
import { loadIvrLookupHandler } from '../../runtime/lambda-env';
import { createLocalRuntime, type LocalRuntime, simulateCall } from '../../runtime/simulate-call';
import { seedIfEmpty } from '../../seed/demo-data';
import { type CommandIo, processIo } from '../io';
import { withLocalStore } from '../local-runtime';

/**
 * Runs Amazon Connect native test cases (the content the stack deploys as `AWS::Connect::TestCase`)
 * through the local interpreter, so a test case that could not pass on Connect fails here first:
 *
 *   contact-center flows test [--json]
 *
 * The runner reads the test-case language subset lib/flows/test-cases.ts writes and refuses anything
 * else by name (an unknown event or action type cannot be checked faithfully). Hours substitution maps
 * the always-open / always-closed hours to an instant when the local BusinessHours are open / closed.
 */

/** Stand-in ARNs of the local compile (the stack compiles the same scenarios with its resources' ARNs). */
export const LOCAL_TARGETS: Omit<CompileTargets, 'defaultCountry'> = {
  businessHoursArn: 'local:hours/BusinessHours',
  alwaysOpenHoursArn: 'local:hours/always-open',
  alwaysClosedHoursArn: 'local:hours/always-closed',
};

export interface LocalTestCaseResult {
  name: string;
  passed: boolean;
  failures: string[];
  /** What the simulated caller heard. */
  prompts: string[];
}

export interface LocalTestClock {
  /** An instant when the local BusinessHours are open (always-open hours substituted). */
  openAt: Date;
  /** An instant when they are closed (always-closed hours substituted). */
  closedAt: Date;
}

/** Monday 10:00 and 20:00 in the center's time zone: inside and outside the default BusinessHours. */
export function defaultClock(timeZone: string): LocalTestClock {
  return {
    openAt: parseInstant('2026-04-06T10:00', timeZone)!,
    closedAt: parseInstant('2026-04-06T20:00', timeZone)!,
  };
}

/** The caller scenarios compiled for the local run. */
export function localTestCases(defaultCountry: string): CompiledTestCase[] {
  return CALLER_SCENARIOS.map((s) => compileScenario(s, { ...LOCAL_TARGETS, defaultCountry }));
}

/** Observations in execution order (from the first, along `NextObservations`). */
function chain(observations: readonly Observation[], failures: string[]): Observation[] {
  const byId = new Map(observations.map((o) => [o.Identifier, o]));
  const referenced = new Set(observations.flatMap((o) => o.Transitions.NextObservations ?? []));
  const out: Observation[] = [];
  let current = observations.find((o) => !referenced.has(o.Identifier));
  while (current && !out.includes(current)) {
    out.push(current);
    const next = current.Transitions.NextObservations ?? [];
    if (next.length > 1) failures.push(`${current.Identifier}: branching NextObservations cannot be run locally`);
    const id = next[0];
    current = id === undefined ? undefined : byId.get(id);
    if (id !== undefined && !current) failures.push(`NextObservations names "${id}", which is no observation`);
  }
  if (out.length !== observations.length) failures.push('some observations are not reached from the first');
  return out;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Runs one compiled test case through the interpreter; never throws for a bad test case (it fails). */
export async function runCompiledTestCase(
  runtime: LocalRuntime,
  testCase: { name: string; sourcePhoneNumber: string; content: unknown },
  clock: LocalTestClock,
): Promise<LocalTestCaseResult> {
  const failures: string[] = [];
  const fail = (): LocalTestCaseResult => ({ name: testCase.name, passed: false, failures, prompts: [] });
  const parsed = TestCaseContentSchema.safeParse(testCase.content);
  if (!parsed.success) {
    failures.push(...parsed.error.issues.map((i) => `content ${i.path.join('.') || '(root)'}: ${i.message}`));
    return fail();
  }
  const observations = chain(parsed.data.Observations, failures);
  let at: Date | undefined;
  const messages: { id: string; hear: string; press?: string }[] = [];
  const asserts: { namespace: string; operator: string; operand?: string }[] = [];
  for (const o of observations) {
    const event = o.Event;
    if (event.Type === 'MessageReceived') {
      const hear = text(event.Properties.Text);
      if (hear === undefined) failures.push(`${o.Identifier}: only MessageReceived on Text can be checked locally`);
      else if (event.Properties.MatchingCriteria !== 'Inclusion') {
        failures.push(
          `${o.Identifier}: MatchingCriteria "${String(event.Properties.MatchingCriteria)}" cannot be checked locally (Inclusion can)`,
        );
      }
      messages.push({ id: o.Identifier, hear: hear ?? '' });
    } else if (event.Type !== 'TestInitiated' && event.Type !== 'TestCompleted') {
      failures.push(`${o.Identifier}: event ${event.Type} cannot be checked locally`);
    }
    for (const action of o.Actions) {
      const p = action.Parameters;
      if (action.Type === 'SendInstruction') {
        const instruction = p.Instruction as { Type?: string; Properties?: { Value?: unknown } } | undefined;
        const value = instruction?.Properties?.Value;
        const last = messages.at(-1);
        if (instruction?.Type !== 'DtmfInput' || (typeof value !== 'string' && typeof value !== 'number')) {
          failures.push(`${o.Identifier}: only DtmfInput instructions can be simulated locally`);
        } else if (event.Type !== 'MessageReceived' || !last) {
          failures.push(`${o.Identifier}: a key is sent before anything was heard`);
        } else last.press = String(value);
      } else if (action.Type === 'OverrideSystemBehavior' && event.Type === 'TestInitiated') {
        const props = (p.Behavior as { Properties?: Record<string, unknown> } | undefined)?.Properties ?? {};
        const substitute = (props.Strategy as { SubstituteArn?: unknown } | undefined)?.SubstituteArn;
        if (props.ActionType !== 'CheckHoursOfOperation') {
          failures.push(`${o.Identifier}: overriding ${String(props.ActionType)} cannot be simulated locally`);
        } else if (substitute === LOCAL_TARGETS.alwaysOpenHoursArn) at = clock.openAt;
        else if (substitute === LOCAL_TARGETS.alwaysClosedHoursArn) at = clock.closedAt;
        else
          failures.push(`${o.Identifier}: substitute hours ${String(substitute)} are neither always open nor closed`);
      } else if (action.Type === 'Assert' && event.Type === 'TestCompleted') {
        const namespace = text(p.Namespace);
        const operator = text(p.Operator);
        if (!namespace || !operator) failures.push(`${o.Identifier}: an Assert needs Namespace and Operator`);
        else
          asserts.push({
            namespace,
            operator,
            ...(text(p.Operand) !== undefined ? { operand: text(p.Operand)! } : {}),
          });
      } else {
        failures.push(`${o.Identifier}: action ${action.Type} on ${event.Type} cannot be simulated locally`);
      }
    }
  }
  if (!at) failures.push('no CheckHoursOfOperation override: the result would depend on when Connect runs it');
  if (failures.length > 0) return fail();

  // The caller presses each key while the flow listens after the message it was attached to.
  const presses = messages.filter((m) => m.press !== undefined);
  let pressed = 0;
  const input = async (request: InputRequest): Promise<string | undefined> => {
    const next = presses[pressed];
    if (!next) return undefined; // nobody presses: the flow times out, as on Connect
    pressed++;
    if (!request.prompt.includes(next.hear)) {
      failures.push(
        `${next.id}: "${next.press}" is sent after hearing "${next.hear}", but the flow listens after "${request.prompt}"`,
      );
    }
    return next.press;
  };
  let result: ContactResult;
  try {
    result = await simulateCall(runtime, { from: testCase.sourcePhoneNumber, at: at!, input });
  } catch (e) {
    failures.push(`the interpreter refused the call: ${(e as Error).message}`);
    return fail();
  }
  for (const p of presses.slice(pressed)) failures.push(`${p.id}: "${p.press}" is never asked for`);
  let from = 0;
  for (const m of messages) {
    const found = result.prompts.findIndex((p, i) => i >= from && p.includes(m.hear));
    if (found < 0) failures.push(`${m.id}: "${m.hear}" is not heard (in this order)`);
    else from = found + 1;
  }
  for (const a of asserts) {
    const actual =
      a.namespace === '$.Queue.Name'
        ? result.outcome.queue
        : a.namespace.startsWith('$.Attributes.')
          ? result.attributes[a.namespace.slice('$.Attributes.'.length)]
          : null;
    if (actual === null) {
      failures.push(`Assert ${a.namespace}: this namespace cannot be checked locally`);
      continue;
    }
    const ok =
      a.operator === 'Exists'
        ? actual !== undefined
        : a.operator === 'Equals'
          ? actual === a.operand
          : a.operator === 'TextContains'
            ? actual !== undefined && a.operand !== undefined && actual.includes(a.operand)
            : undefined;
    if (ok === undefined) failures.push(`Assert ${a.namespace}: operator ${a.operator} cannot be checked locally`);
    else if (!ok)
      failures.push(`Assert ${a.namespace} ${a.operator} "${a.operand ?? ''}": found ${JSON.stringify(actual)}`);
  }
  return { name: testCase.name, passed: failures.length === 0, failures, prompts: result.prompts };
}

/** `flows test`: every caller scenario's compiled test case on the local contact center. Returns the exit code. */
export async function runFlowsTest(options: { json?: boolean }, io: CommandIo = processIo): Promise<number> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const config = loadLocalConfig();
  const results = await withLocalStore(async ({ store }) => {
    await seedIfEmpty(store);
    process.env.DEFAULT_COUNTRY = config.defaultCountry;
    const runtime = createLocalRuntime(config, loadIvrLookupHandler('SILENT'));
    const clock = defaultClock(config.timeZone);
    const out: LocalTestCaseResult[] = [];
    for (const tc of localTestCases(config.defaultCountry)) out.push(await runCompiledTestCase(runtime, tc, clock));
    return out;
  });
  if (options.json) io.stdout(`${JSON.stringify(results, null, 2)}\n`);
  else {
    for (const r of results) {
      io.stdout(`${r.passed ? 'PASS' : 'FAIL'} ${r.name}\n`);
      for (const f of r.failures) io.stdout(`  ${f}\n`);
    }
    io.stdout(`${results.filter((r) => r.passed).length}/${results.length} test case(s) pass locally\n`);
  }
  return results.every((r) => r.passed) ? 0 : 1;
}

export function registerTest(flows: Command): void {
  flows
    .command('test')
    .description('Run the native Connect test cases the stack deploys through the local interpreter')
    .option('--json', 'print JSON on stdout')
    .action(async (options: { json?: boolean }) => {
      process.exitCode = await runFlowsTest(options);
    });
}

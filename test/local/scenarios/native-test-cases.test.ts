import { CALLER_SCENARIOS } from '../../../lib/flows/caller-scenarios';
import type { CompiledTestCase, Observation } from '../../../lib/flows/test-cases';
import { defaultClock, localTestCases, runCompiledTestCase } from '../../../local/cli/commands/flows-test';
import { useScenarioHarness } from './harness';

/**
 * The Amazon Connect native test cases the stack deploys (AWS::Connect::TestCase), compiled from the
 * shared caller scenarios and run here through the interpreter with the real ivr-lookup Lambda on the
 * demo data: a test case that could not pass on Connect fails here first.
 */

const h = useScenarioHarness();
const compiled = () => localTestCases(h.config().defaultCountry);
const run = (tc: CompiledTestCase) => runCompiledTestCase(h.runtime(), tc, defaultClock(h.config().timeZone));
const find = (name: string) => {
  const tc = compiled().find((c) => c.name === name);
  if (!tc) throw new Error(`no test case ${name}`);
  return structuredClone(tc) as CompiledTestCase & { content: { Observations: Observation[] } };
};

describe('compiled caller test cases, run locally', () => {
  it('compiles one test case per shared scenario', () => {
    expect(compiled().map((c) => c.name)).toEqual(CALLER_SCENARIOS.map((s) => `caller-${s.id}`));
  });

  it.each(CALLER_SCENARIOS.map((s) => `caller-${s.id}`))('%s passes', async (name) => {
    const result = await run(find(name));
    expect(result.failures).toEqual([]);
    expect(result.passed).toBe(true);
  });
});

describe('a test case that could not pass on Connect fails here', () => {
  it('when the flow never says the expected text', async () => {
    const tc = find('caller-greeting-by-name');
    tc.content.Observations[1]!.Event.Properties.Text = '佐藤様、お電話ありがとうございます。';
    expect((await run(tc)).failures).toEqual([
      'step-1: "佐藤様、お電話ありがとうございます。" is not heard (in this order)',
    ]);
  });

  it('when a key is sent while the flow is not listening after that message', async () => {
    const tc = find('caller-routing-platinum');
    // The key moves from the menu to an observation of the greeting.
    tc.content.Observations[1]!.Event.Properties.Text = 'お電話ありがとうございます';
    const result = await run(tc);
    expect(result.failures).toEqual([
      expect.stringContaining(
        '"2" is sent after hearing "お電話ありがとうございます", but the flow listens after "最新のお問い合わせ',
      ),
    ]);
  });

  it('when the contact ends in another queue', async () => {
    const tc = find('caller-routing-platinum');
    const completed = tc.content.Observations.at(-1)!;
    completed.Actions[0]!.Parameters.Operand = 'General';
    expect((await run(tc)).failures).toEqual(['Assert $.Queue.Name Equals "General": found "Priority"']);
  });

  it("when the caller's IVR journey is not what the agent is meant to see", async () => {
    const tc = find('caller-inquiry-status');
    const completed = tc.content.Observations.at(-1)!;
    const menu = completed.Actions.find((a) => a.Parameters.Namespace === '$.Attributes.ivrMenu')!;
    expect(menu.Parameters.Operand).toBe('status>agent');
    menu.Parameters.Operand = 'agent';
    expect((await run(tc)).failures).toEqual(['Assert $.Attributes.ivrMenu Equals "agent": found "status>agent"']);
  });

  it('when it depends on the time Connect runs it (no hours override)', async () => {
    const tc = find('caller-after-hours');
    tc.content.Observations[0]!.Actions = [];
    expect((await run(tc)).failures).toEqual([
      'no CheckHoursOfOperation override: the result would depend on when Connect runs it',
    ]);
  });

  it('when it uses test-language parts the local runner cannot simulate, by name', async () => {
    const tc = find('caller-greeting-by-name');
    tc.content.Observations[1]!.Event.Properties.MatchingCriteria = 'Similarity';
    tc.content.Observations[2]!.Actions[0]!.Parameters.Instruction = {
      Type: 'TextUtterance',
      Properties: { Value: 'agent' },
    };
    expect((await run(tc)).failures).toEqual([
      'step-1: MatchingCriteria "Similarity" cannot be checked locally (Inclusion can)',
      'step-2: only DtmfInput instructions can be simulated locally',
    ]);
    expect((await run({ ...tc, content: { Version: '2019-10-30' } } as unknown as CompiledTestCase)).failures).toEqual([
      expect.stringContaining('content Version'),
      expect.stringContaining('content Observations'),
    ]);
  });
});

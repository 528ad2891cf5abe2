// biome-ignore-all lint/suspicious/noTemplateCurlyInString: flow placeholders are written ${Name}, as in the flow files
import { type Diagnostic, formatDiagnostic, hasErrors, LINT_RULES, type LintOptions } from '../../../lib/flows/lint';
import { action, around, cond, doc, end, errorsOf, type Json, lint, ok, rules, say } from './helpers';

/** For every rule: an input that breaks it, and a close variant that satisfies it. */
interface RuleCase {
  rule: keyof typeof LINT_RULES;
  bad: unknown;
  good: unknown;
  options?: Partial<LintOptions>;
  goodOptions?: Partial<LintOptions>;
}

const chain = (n: number): Json => {
  const actions: Json[] = [];
  for (let i = 0; i < n - 1; i++) actions.push(say(`a${i}`, i === n - 2 ? 'end' : `a${i + 1}`));
  actions.push(end());
  return doc(actions);
};

const lambda = (params: Json, transitions: Json = ok('end')) =>
  around(
    action(
      'lambda',
      'InvokeLambdaFunction',
      {
        LambdaFunctionARN: 'arn:aws:lambda:ap-northeast-1:111111111111:function:f',
        InvocationTimeLimitSeconds: '3',
        ...params,
      },
      transitions,
    ),
  );

const hours = (conditions: Json[]) =>
  around(
    action(
      'hours',
      'CheckHoursOfOperation',
      {},
      {
        Conditions: conditions,
        Errors: [{ NextAction: 'end', ErrorType: 'NoMatchingError' }],
      },
    ),
  );

const input = (params: Json, transitions: Json) =>
  around(
    action(
      'input',
      'GetParticipantInput',
      { Text: '1を押してください。', InputTimeLimitSeconds: '5', ...params },
      transitions,
    ),
  );

const inputErrors = [{ NextAction: 'end', ErrorType: 'NoMatchingError' }];

const compare = (value: string) =>
  around(
    action(
      'cmp',
      'Compare',
      { ComparisonValue: value },
      {
        Conditions: [cond('gold', 'end')],
        Errors: [{ NextAction: 'end', ErrorType: 'NoMatchingCondition' }],
      },
    ),
  );

const CASES: RuleCase[] = [
  { rule: 'json', bad: '{"Version": "2019-10-30",', good: JSON.stringify(doc([end()])) },
  { rule: 'schema', bad: { Version: '2019-10-30', StartAction: 'end' }, good: doc([end()]) },
  {
    rule: 'content-size',
    bad: doc([say('big', 'end', 'あ'.repeat(256_001)), end()]),
    good: doc([say('big', 'end', 'あ'.repeat(1000)), end()]),
  },
  { rule: 'version', bad: { ...doc([end()]), Version: '2020-01-01' }, good: doc([end()]) },
  { rule: 'start-action', bad: doc([end()], 'missing'), good: doc([end()], 'end') },
  {
    rule: 'duplicate-identifier',
    bad: doc([say('a', 'a2'), say('a', 'end'), end(), say('a2', 'end')]),
    good: chain(3),
  },
  {
    rule: 'identifier',
    bad: doc([say('ask:menu', 'end'), end()]),
    good: doc([say('ask menu #1 メニュー', 'end'), end()]),
  },
  { rule: 'max-actions', bad: chain(251), good: chain(250) },
  { rule: 'next-action', bad: doc([say('a', 'nowhere'), end()]), good: doc([say('a', 'end'), end()]) },
  {
    rule: 'unknown-type',
    bad: around(action('x', 'PlayPromptTwice', {}, ok('end'))),
    good: around(
      action(
        'x',
        'UpdateContactEventHooks',
        { EventHooks: { CustomerQueue: 'arn:aws:connect:ap-northeast-1:111111111111:instance/i/contact-flow/q' } },
        ok('end'),
      ),
    ),
  },
  {
    rule: 'terminal-transitions',
    bad: doc([say('a', 'end'), action('end', 'DisconnectParticipant', {}, { NextAction: 'a' })]),
    good: doc([say('a', 'end'), end()]),
  },
  {
    rule: 'condition-allowed',
    bad: around(action('m', 'MessageParticipant', { Text: 'x' }, { ...ok('end'), Conditions: [cond('1', 'end')] })),
    good: around(action('m', 'MessageParticipant', { Text: 'x' }, ok('end'))),
  },
  {
    rule: 'condition-operator',
    bad: hours([cond('True', 'end', 'Matches'), cond('False', 'end')]),
    good: hours([cond('True', 'end'), cond('False', 'end')]),
  },
  {
    rule: 'condition-operand',
    bad: input({ StoreInput: 'False' }, { Conditions: [cond('12', 'end')], Errors: inputErrors }),
    good: input({ StoreInput: 'False' }, { Conditions: [cond('#', 'end')], Errors: inputErrors }),
  },
  {
    rule: 'required-conditions',
    bad: hours([cond('True', 'end')]),
    good: hours([cond('True', 'end'), cond('False', 'end')]),
  },
  {
    rule: 'error-type',
    bad: lambda(
      {},
      {
        NextAction: 'end',
        Errors: [
          { NextAction: 'end', ErrorType: 'QueueAtCapacity' },
          { NextAction: 'end', ErrorType: 'NoMatchingError' },
        ],
      },
    ),
    good: lambda({}),
  },
  {
    rule: 'get-input',
    bad: input({ StoreInput: 'True' }, { NextAction: 'end', Errors: inputErrors }),
    good: input(
      { StoreInput: 'True', InputValidation: { CustomValidation: { MaximumLength: '10' } } },
      { NextAction: 'end', Errors: inputErrors },
    ),
  },
  {
    rule: 'prompt-exclusive',
    bad: around(action('m', 'MessageParticipant', { Text: 'x', SSML: '<speak>x</speak>' }, ok('end'))),
    good: around(action('m', 'MessageParticipant', { SSML: '<speak>x</speak>' }, ok('end'))),
  },
  {
    rule: 'queue-or-agent',
    bad: around(
      action(
        'q',
        'UpdateContactTargetQueue',
        {
          QueueId: 'arn:aws:connect:ap-northeast-1:111111111111:instance/i/queue/q',
          AgentId: 'arn:aws:connect:ap-northeast-1:111111111111:instance/i/agent/a',
        },
        ok('end'),
      ),
    ),
    good: around(action('q', 'UpdateContactTargetQueue', { QueueId: '$.Attributes.queueArn' }, ok('end'))),
  },
  {
    rule: 'static-field',
    bad: around(
      action('v', 'UpdateContactTextToSpeechVoice', { TextToSpeechVoice: '$.Attributes.voice' }, { NextAction: 'end' }),
    ),
    good: around(action('v', 'UpdateContactTextToSpeechVoice', { TextToSpeechVoice: 'Kazuha' }, { NextAction: 'end' })),
  },
  { rule: 'single-reference', bad: compare('tier $.Attributes.tier'), good: compare('$.Attributes.tier') },
  {
    rule: 'reference-root',
    bad: around(say('m', 'end', 'こんにちは $.Caller.name 様')),
    good: around(say('m', 'end', 'こんにちは $.External.name 様')),
  },
  {
    rule: 'numeric-range',
    bad: lambda({ InvocationTimeLimitSeconds: '9' }),
    good: lambda({ InvocationTimeLimitSeconds: '8' }),
  },
  {
    rule: 'parameter-value',
    bad: around(action('log', 'UpdateFlowLoggingBehavior', { FlowLoggingBehavior: 'On' }, { NextAction: 'end' })),
    good: around(action('log', 'UpdateFlowLoggingBehavior', { FlowLoggingBehavior: 'Enabled' }, { NextAction: 'end' })),
  },
  {
    rule: 'required-parameter',
    bad: around(action('lambda', 'InvokeLambdaFunction', { InvocationTimeLimitSeconds: '3' }, ok('end'))),
    good: lambda({}),
  },
  {
    rule: 'flow-type',
    bad: around(action('t', 'TransferContactToQueue', {}, ok('end'))),
    options: { flowType: 'CUSTOMER_QUEUE' },
    good: around(action('t', 'TransferContactToQueue', {}, ok('end'))),
    goodOptions: { flowType: 'QUEUE_TRANSFER' },
  },
  {
    rule: 'unresolved-placeholder',
    bad: lambda({ LambdaFunctionARN: '${IvrLookupFunctionArn}' }),
    good: lambda({ LambdaFunctionARN: '${IvrLookupFunctionArn}' }),
    goodOptions: { placeholders: 'allow' },
  },
  {
    rule: 'unreachable',
    bad: doc([say('a', 'end'), say('orphan', 'end'), end()]),
    good: doc([say('a', 'end'), end()]),
  },
  {
    rule: 'missing-error-branch',
    bad: lambda({}, { NextAction: 'end' }),
    good: lambda({}),
  },
  {
    rule: 'empty-arn',
    bad: lambda({ LambdaFunctionARN: '' }),
    good: lambda({ LambdaFunctionARN: '' }),
    goodOptions: { placeholders: 'allow' },
  },
  {
    rule: 'loop-no-exit',
    bad: doc([say('a', 'b'), say('b', 'a'), end()]),
    good: doc([
      say('a', 'loop'),
      action(
        'loop',
        'Loop',
        { LoopCount: '2' },
        { Conditions: [cond('ContinueLooping', 'a'), cond('DoneLooping', 'end')] },
      ),
      end(),
    ]),
  },
];

describe('lintFlow rules', () => {
  it('has a failing and a passing case for every rule it implements', () => {
    expect(CASES.map((c) => c.rule).sort()).toEqual(Object.keys(LINT_RULES).sort());
  });

  describe.each(CASES)('$rule', ({ rule, bad, good, options, goodOptions }) => {
    it('reports a broken flow', () => {
      const found = lint(bad, options).filter((d) => d.rule === rule);
      expect(found.length).toBeGreaterThan(0);
      expect(found.every((d) => d.severity === LINT_RULES[rule].severity)).toBe(true);
    });

    it('accepts the corrected flow without any error', () => {
      const opts = goodOptions ?? options;
      expect(rules(good, opts)).not.toContain(rule);
      expect(errorsOf(good, opts)).toEqual([]);
    });
  });
});

describe('lintFlow details', () => {
  const messages = (input: unknown, options: Partial<LintOptions> = {}) =>
    lint(input, options).map((d: Diagnostic) => formatDiagnostic(d));

  it('formats diagnostics as file: actionId: [rule] message', () => {
    const [d] = lint(around(action('x', 'PlayPromptTwice', {}, ok('end'))));
    expect(formatDiagnostic(d!)).toBe('t.json: x: [unknown-type] unknown action type "PlayPromptTwice"');
    expect(formatDiagnostic({ severity: 'error', file: 'f.json', rule: 'version', message: 'm' })).toBe(
      'f.json: [version] m',
    );
  });

  it('rejects identifiers that are too long or JavaScript prototype names', () => {
    expect(messages(doc([say('x'.repeat(51), 'end'), end()]))).toEqual([
      expect.stringContaining('[identifier] identifier must be 1–50 characters (51)'),
    ]);
    expect(messages(doc([say('constructor', 'end'), end()]))).toEqual([
      expect.stringContaining('is a JavaScript prototype name'),
    ]);
  });

  it('checks condition and error NextActions as well as the plain one', () => {
    const bad = hours([cond('True', 'open-path'), cond('False', 'end')]);
    expect(messages(bad)).toEqual([expect.stringContaining('condition Equals ["True"] goes to "open-path"')]);
  });

  it('accepts numbers and booleans written as strings or as JSON values', () => {
    expect(errorsOf(lambda({ InvocationTimeLimitSeconds: 8 }))).toEqual([]);
    expect(errorsOf(lambda({ InvocationTimeLimitSeconds: '0' }))).toEqual([
      expect.stringContaining('InvocationTimeLimitSeconds must be an integer 1–8, found "0"'),
    ]);
    const recording = (Enabled: unknown) =>
      around(
        action(
          'rec',
          'UpdateContactRecordingBehavior',
          {
            RecordingBehavior: { RecordedParticipants: ['Agent', 'Customer'] },
            AnalyticsBehavior: { Enabled, AnalyticsLanguage: 'ja-JP' },
          },
          { NextAction: 'end' },
        ),
      );
    expect(errorsOf(recording('True'))).toEqual([]);
    expect(errorsOf(recording(true))).toEqual([]);
  });

  it('checks LoopCount and callback delays', () => {
    const loop = (LoopCount: string) =>
      doc([
        say('a', 'loop'),
        action(
          'loop',
          'Loop',
          { LoopCount },
          { Conditions: [cond('ContinueLooping', 'a'), cond('DoneLooping', 'end')] },
        ),
        end(),
      ]);
    expect(errorsOf(loop('101'))).toEqual([expect.stringContaining('[numeric-range] LoopCount')]);
    expect(errorsOf(loop('$.Attributes.retries'))).toEqual([]);
    const callback = (InitialCallDelaySeconds: string) =>
      around(
        action(
          'cb',
          'CreateCallbackContact',
          {
            QueueId: 'arn:aws:connect:ap-northeast-1:111111111111:instance/i/queue/q',
            InitialCallDelaySeconds,
            MaximumConnectionAttempts: '3',
            RetryDelaySeconds: '600',
          },
          ok('end'),
        ),
      );
    expect(errorsOf(callback('259201'))).toEqual([
      expect.stringContaining('InitialCallDelaySeconds must be an integer 1–259200'),
    ]);
    expect(errorsOf(callback('259200'))).toEqual([]);
  });

  it('allows NoMatchingCondition on GetParticipantInput only without StoreInput and InvalidPhoneNumber only with phone validation', () => {
    const errs = [...inputErrors, { NextAction: 'end', ErrorType: 'InvalidPhoneNumber' }];
    expect(errorsOf(input({ StoreInput: 'False' }, { Conditions: [cond('1', 'end')], Errors: errs }))).toEqual([
      expect.stringContaining('[error-type] GetParticipantInput has no error "InvalidPhoneNumber"'),
    ]);
    const phone = { StoreInput: 'True', InputValidation: { PhoneNumberValidation: { NumberFormat: 'E164' } } };
    expect(errorsOf(input(phone, { NextAction: 'end', Errors: errs }))).toEqual([]);
    expect(
      errorsOf(
        input(phone, { NextAction: 'end', Errors: [...errs, { NextAction: 'end', ErrorType: 'NoMatchingCondition' }] }),
      ),
    ).toEqual([expect.stringContaining('has no error "NoMatchingCondition"')]);
    expect(errorsOf(input({ StoreInput: 'False' }, { Conditions: [cond('1', 'end')] }))).toEqual([
      expect.stringContaining('[get-input] GetParticipantInput must always have a NoMatchingError branch'),
    ]);
  });

  it('only lets agent-count metrics compare NumberGreaterThan "0"', () => {
    const metric = (MetricType: string, condition: Json) =>
      around(
        action(
          'm',
          'CheckMetricData',
          { MetricType },
          { Conditions: [condition], Errors: [{ NextAction: 'end', ErrorType: 'NoMatchingError' }] },
        ),
      );
    expect(errorsOf(metric('NumberOfAgentsAvailable', cond('0', 'end', 'NumberGreaterThan')))).toEqual([]);
    expect(errorsOf(metric('NumberOfAgentsAvailable', cond('3', 'end', 'NumberLessThan')))).toHaveLength(2);
    expect(errorsOf(metric('NumberOfContactsInQueue', cond('10', 'end', 'NumberLessThan')))).toEqual([]);
  });

  it('names every unknown action type and still checks its transitions', () => {
    const d = doc([action('x', 'SendCarrierPigeon', {}, { NextAction: 'gone' }), end()]);
    expect(messages(d)).toEqual([
      't.json: x: [next-action] NextAction goes to "gone", which names no action',
      't.json: x: [unknown-type] unknown action type "SendCarrierPigeon"',
      't.json: end: [unreachable] not reachable from StartAction "x"',
    ]);
  });

  it('treats $. references as runtime references, never as placeholders', () => {
    const d = around(say('m', 'end', '$.External.greetingName 様、お電話ありがとうございます。'));
    expect(hasErrors(lint(d))).toBe(false);
  });

  it('skips the flow-type rule when no flow type is given', () => {
    const d = around(action('t', 'TransferContactToQueue', {}, ok('end')));
    expect(rules(d, { flowType: undefined })).not.toContain('flow-type');
  });
});

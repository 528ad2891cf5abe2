// biome-ignore-all lint/suspicious/noTemplateCurlyInString: flow placeholders are written ${Name}, as in the flow files
import { FLOW_CATALOG, FLOW_PLACEHOLDERS, readCatalogFlow } from '../../../lib/flows/catalog';
import { formatDiagnostic, lintFlow } from '../../../lib/flows/lint';
import { type FlowAction, type FlowDocument, FlowDocumentSchema, transitionTargets } from '../../../lib/flows/model';
import { findPlaceholders, substitutePlaceholders } from '../../../lib/flows/placeholders';

/** Structure of the shipped flows: each point of the caller experience exists and is wired sensibly. */

const FULL_VALUES: Record<string, string> = {
  IvrLookupFunctionArn: 'arn:aws:lambda:ap-northeast-1:111111111111:function:ivr-lookup',
  'Queue:General': 'arn:aws:connect:ap-northeast-1:111111111111:instance/i-1/queue/q-general',
  'Queue:Priority': 'arn:aws:connect:ap-northeast-1:111111111111:instance/i-1/queue/q-priority',
  'HoursOfOperation:BusinessHours': 'arn:aws:connect:ap-northeast-1:111111111111:instance/i-1/operating-hours/h-1',
  'HoursOfOperation:OperatingCalendar':
    'arn:aws:connect:ap-northeast-1:111111111111:instance/i-1/operating-hours/h-calendar',
  'Voice:ja-JP': 'Kazuha',
  'Voice:en-US': 'Joanna',
  'Flow:CustomerQueue': 'arn:aws:connect:ap-northeast-1:111111111111:instance/i-1/contact-flow/f-queue',
};

const entry = (key: string) => FLOW_CATALOG.find((e) => e.key === key)!;

function load(key: string): FlowDocument {
  return FlowDocumentSchema.parse(JSON.parse(readCatalogFlow(entry(key))));
}

class Graph {
  readonly byId: Map<string, FlowAction>;
  constructor(readonly doc: FlowDocument) {
    this.byId = new Map(doc.Actions.map((a) => [a.Identifier, a]));
  }
  get(id: string): FlowAction {
    const a = this.byId.get(id);
    if (!a) throw new Error(`no action "${id}"`);
    return a;
  }
  all(predicate: (a: FlowAction) => boolean): FlowAction[] {
    return this.doc.Actions.filter(predicate);
  }
  one(predicate: (a: FlowAction) => boolean, what: string): FlowAction {
    const found = this.all(predicate);
    if (found.length !== 1) throw new Error(`expected one ${what}, found ${found.length}`);
    return found[0]!;
  }
  onCondition(a: FlowAction, operand: string): FlowAction {
    const c = (a.Transitions.Conditions ?? []).find((x) => x.Condition.Operands[0] === operand);
    if (!c) throw new Error(`${a.Identifier} has no condition on "${operand}"`);
    return this.get(c.NextAction);
  }
  onError(a: FlowAction, errorType: string): FlowAction {
    const e = (a.Transitions.Errors ?? []).find((x) => x.ErrorType === errorType);
    if (!e) throw new Error(`${a.Identifier} has no ${errorType} branch`);
    return this.get(e.NextAction);
  }
  next(a: FlowAction): FlowAction {
    if (a.Transitions.NextAction === undefined) throw new Error(`${a.Identifier} has no NextAction`);
    return this.get(a.Transitions.NextAction);
  }
  /**
   * Where a caller's choice (`operand` on `a`) leads once the inbound flow has recorded it in the
   * `ivrMenu` contact attribute: the choice names its code in `$.FlowAttributes.menuChoice`, one
   * recorder writes the code (first choice) or appends `>code`, then dispatches on the code.
   */
  chosen(a: FlowAction, operand: string): FlowAction {
    const marker = this.onCondition(a, operand);
    const code = (marker.Parameters.FlowAttributes as Record<string, { Value?: unknown }> | undefined)?.menuChoice
      ?.Value;
    if (marker.Type !== 'UpdateFlowAttributes' || typeof code !== 'string') {
      throw new Error(`${a.Identifier} "${operand}" does not name its menu choice`);
    }
    const record = this.next(marker);
    expect(record.Parameters.ComparisonValue).toBe('$.Attributes.ivrMenu');
    const first = this.onError(record, 'NoMatchingCondition');
    expect(first.Parameters.Attributes).toEqual({ ivrMenu: '$.FlowAttributes.menuChoice' });
    const dispatch = this.next(first);
    for (const c of record.Transitions.Conditions ?? []) {
      const append = this.get(c.NextAction);
      expect(append.Parameters.Attributes).toEqual({ ivrMenu: '$.Attributes.ivrMenu>$.FlowAttributes.menuChoice' });
      expect(this.next(append)).toBe(dispatch);
    }
    expect(dispatch.Parameters.ComparisonValue).toBe('$.FlowAttributes.menuChoice');
    return this.onCondition(dispatch, code);
  }
  /** Actions reachable from `from` (inclusive) without passing through `stopAt`. */
  reachable(from: FlowAction, stopAt: (a: FlowAction) => boolean = () => false): FlowAction[] {
    const seen = new Set([from.Identifier]);
    const stack = [from];
    const out: FlowAction[] = [];
    while (stack.length > 0) {
      const a = stack.pop()!;
      out.push(a);
      if (a !== from && stopAt(a)) continue;
      for (const { target } of transitionTargets(a)) {
        if (!seen.has(target)) {
          seen.add(target);
          stack.push(this.get(target));
        }
      }
    }
    return out;
  }
  reaches(from: FlowAction, to: (a: FlowAction) => boolean, stopAt?: (a: FlowAction) => boolean): boolean {
    return this.reachable(from, stopAt).some((a) => a !== from && to(a));
  }
}

/** The contact attributes recording the caller's IVR journey (docs/flows.md): no customer data. */
const IVR_JOURNEY_ATTRIBUTES = ['ivrMenu', 'ivrStatusHeard', 'callbackRequested'];

const isType = (type: string) => (a: FlowAction) => a.Type === type;
const says = (text: string) => (a: FlowAction) => a.Type === 'MessageParticipant' && a.Parameters.Text === text;
const comparing = (value: string) => (a: FlowAction) => a.Type === 'Compare' && a.Parameters.ComparisonValue === value;
const lambdaAction = (name: string) => (a: FlowAction) =>
  a.Type === 'InvokeLambdaFunction' &&
  (a.Parameters.LambdaInvocationAttributes as Record<string, string> | undefined)?.action === name;
const targetQueue = (placeholder: string) => (a: FlowAction) =>
  a.Type === 'UpdateContactTargetQueue' && a.Parameters.QueueId === placeholder;

describe.each(FLOW_CATALOG)('shipped flow $file', (e) => {
  const raw = readCatalogFlow(e);

  it('lints clean as stored (placeholders allowed)', () => {
    expect(lintFlow(raw, { file: e.file, flowType: e.type, placeholders: 'allow' }).map(formatDiagnostic)).toEqual([]);
  });

  it('lints clean after substitution with a full placeholder map', () => {
    const { content, unresolved } = substitutePlaceholders(raw, FULL_VALUES);
    expect(unresolved).toEqual([]);
    expect(lintFlow(content, { file: e.file, flowType: e.type }).map(formatDiagnostic)).toEqual([]);
  });

  it('uses only documented placeholders and holds no account-specific value', () => {
    for (const token of findPlaceholders(raw)) expect(Object.keys(FLOW_PLACEHOLDERS)).toContain(token.slice(2, -1));
    expect(raw).not.toMatch(/arn:aws|\d{12}/);
    // The queue flow calls back into the queue the contact waits in: it names no resource.
    if (e.key === 'CustomerQueue') expect(findPlaceholders(raw)).toEqual([]);
  });

  it('never dead-ends: every action can reach a disconnect or a transfer', () => {
    const g = new Graph(load(e.key));
    const ends = (a: FlowAction) => a.Type === 'DisconnectParticipant' || a.Type === 'TransferContactToQueue';
    for (const a of g.doc.Actions) {
      if (!ends(a)) expect([a.Identifier, g.reaches(a, ends)]).toEqual([a.Identifier, true]);
    }
  });
});

describe('inbound voice flow (CONTACT_FLOW)', () => {
  const g = new Graph(load('InboundVoice'));
  const raw = readCatalogFlow(entry('InboundVoice'));

  it('uses every placeholder, and fails lint with unresolved-placeholder when any one has no value', () => {
    expect(findPlaceholders(raw).sort()).toEqual(
      Object.keys(FULL_VALUES)
        .map((k) => `\${${k}}`)
        .sort(),
    );
    for (const name of Object.keys(FULL_VALUES)) {
      const values = Object.fromEntries(Object.entries(FULL_VALUES).filter(([k]) => k !== name));
      const diagnostics = lintFlow(substitutePlaceholders(raw, values).content, {
        file: 'inbound-voice.json',
        flowType: 'CONTACT_FLOW',
      });
      expect(diagnostics.length).toBeGreaterThan(0);
      for (const d of diagnostics) {
        expect(d).toMatchObject({
          severity: 'error',
          rule: 'unresolved-placeholder',
          message: `placeholder \${${name}} was not substituted`,
        });
      }
    }
  });
  const start = g.get(g.doc.StartAction);
  const lookup = g.one(lambdaAction('lookup'), 'lookup Lambda');
  const genericGreeting = g.one(says('$.FlowAttributes.greetingGeneric'), 'generic greeting');
  const knownGreeting = g.one(
    // The whole text is the Lambda's greeting sentence (「山田様、お電話ありがとうございます。…」): a reference
    // glued to 様 would rely on undocumented tokenization.
    (a) => a.Type === 'MessageParticipant' && a.Parameters.Text === '$.External.greeting',
    'greeting by name',
  );
  const menu = g.one(
    (a) => a.Type === 'GetParticipantInput' && a.Parameters.Text === '$.FlowAttributes.menuPrompt',
    'menu',
  );
  const routing = g.one(comparing('$.Attributes.tier'), 'tier routing');
  const transfer = g.one(isType('TransferContactToQueue'), 'transfer');

  it('turns flow logging on first, then records with Contact Lens in Japanese before the lookup', () => {
    expect(start).toMatchObject({ Type: 'UpdateFlowLoggingBehavior', Parameters: { FlowLoggingBehavior: 'Enabled' } });
    const before = g.reachable(start, (a) => a === lookup);
    const recording = before.find(isType('UpdateContactRecordingBehavior'));
    expect(recording?.Parameters).toMatchObject({
      RecordingBehavior: { RecordedParticipants: ['Agent', 'Customer'] },
      AnalyticsBehavior: { Enabled: 'True', AnalyticsLanguage: 'ja-JP' },
    });
    expect(before.find(isType('UpdateContactData'))?.Parameters).toEqual({ LanguageCode: 'ja-JP' });
    expect(before.find(isType('UpdateContactTextToSpeechVoice'))?.Parameters).toMatchObject({
      TextToSpeechVoice: '${Voice:ja-JP}',
    });
  });

  it('invokes ivr-lookup with action=lookup within Connect limits; its error branch goes to the generic greeting', () => {
    expect(lookup.Parameters).toMatchObject({
      LambdaFunctionARN: '${IvrLookupFunctionArn}',
      LambdaInvocationAttributes: { action: 'lookup' },
      ResponseValidation: { ResponseType: 'STRING_MAP' },
    });
    const timeout = Number(lookup.Parameters.InvocationTimeLimitSeconds);
    expect(timeout).toBeGreaterThanOrEqual(3);
    expect(timeout).toBeLessThanOrEqual(8);
    expect(g.onError(lookup, 'NoMatchingError')).toBe(genericGreeting);
  });

  it('plays an active emergency announcement first (ja, then en), and ends the call when it closes the queues', () => {
    const check = g.next(lookup);
    expect(check.Parameters.ComparisonValue).toBe('$.External.announcement');
    const ja = g.onCondition(check, 'active');
    expect(ja.Parameters.Text).toBe('$.External.announcementJa');
    const chain = g.reachable(ja, (a) => a.Identifier === 'announcement-closes');
    expect(chain.find(says('$.External.announcementEn'))).toBeDefined();
    const closes = g.one((a) => a.Identifier === 'announcement-closes', 'announcement-closes');
    expect(closes.Parameters.ComparisonValue).toBe('$.External.announcementClosesQueues');
    expect(g.onCondition(closes, 'true')).toBe(g.one(says('$.FlowAttributes.goodbye'), 'goodbye'));
    expect(g.onError(closes, 'NoMatchingCondition')).toBe(g.onError(check, 'NoMatchingCondition'));
  });

  it('greets only lookupResult=known by name and sets the agent attributes there; anything else is generic', () => {
    const result = g.onError(g.next(lookup), 'NoMatchingCondition');
    expect(result.Parameters.ComparisonValue).toBe('$.External.lookupResult');
    expect((result.Transitions.Conditions ?? []).map((c) => c.Condition.Operands[0])).toEqual(['known']);
    expect(g.onError(result, 'NoMatchingCondition')).toBe(genericGreeting);
    const setAttributes = g.onCondition(result, 'known');
    expect(setAttributes.Type).toBe('UpdateContactAttributes');
    const attrs = setAttributes.Parameters.Attributes as Record<string, string>;
    for (const k of [
      'customerId',
      'displayName',
      'tier',
      'language',
      'latestInquiryId',
      'latestInquiryStatus',
      'lastContactChannel',
      'lastContactAt',
    ]) {
      expect(attrs[k]).toBe(`$.External.${k}`);
    }
    expect(g.onError(setAttributes, 'NoMatchingError')).toBe(genericGreeting);
    expect(
      g.reaches(
        setAttributes,
        (a) => a === knownGreeting,
        (a) => a === genericGreeting,
      ),
    ).toBe(true);
    // The generic path never sets customer attributes (only the caller's own IVR journey) nor says a name.
    const setsCustomerData = (a: FlowAction) =>
      a.Type === 'UpdateContactAttributes' &&
      Object.keys(a.Parameters.Attributes as object).some((k) => !IVR_JOURNEY_ATTRIBUTES.includes(k));
    expect(g.reaches(genericGreeting, setsCustomerData)).toBe(false);
    // Only the English switch can lead back to the named greeting, and only when entered from it.
    const englishReturn = g.one(comparing('$.FlowAttributes.returnTo'), 'English return');
    expect(
      g.reaches(
        genericGreeting,
        (a) => a === knownGreeting,
        (a) => a === englishReturn,
      ),
    ).toBe(false);
    expect(g.onCondition(englishReturn, 'greeting')).toBe(knownGreeting);
    const returnTo = g.all(
      (a) => a.Type === 'UpdateFlowAttributes' && 'returnTo' in (a.Parameters.FlowAttributes as object),
    );
    const fromGreeting = returnTo.filter((a) => JSON.stringify(a.Parameters).includes('"greeting"'));
    expect(fromGreeting).toHaveLength(1);
    expect(g.reaches(genericGreeting, (a) => a === fromGreeting[0])).toBe(false);
    expect(String(genericGreeting.Parameters.Text)).not.toContain('$.External');
  });

  it('switches a known en-US customer to English (voice, language, analytics) before greeting', () => {
    const language = g.one(comparing('$.Attributes.language'), 'customer language check');
    const english = g.onCondition(language, 'en-US');
    const chain = g.reachable(english, (a) => a === knownGreeting || a === menu);
    expect(chain.find(isType('UpdateContactTextToSpeechVoice'))?.Parameters).toMatchObject({
      TextToSpeechVoice: '${Voice:en-US}',
    });
    expect(chain.find(isType('UpdateContactData'))?.Parameters).toEqual({ LanguageCode: 'en-US' });
    expect(chain.find(isType('UpdateContactRecordingBehavior'))?.Parameters).toMatchObject({
      AnalyticsBehavior: { Enabled: 'True', AnalyticsLanguage: 'en-US' },
    });
    expect(chain).toContain(knownGreeting);
    expect(g.onError(language, 'NoMatchingCondition')).toBe(knownGreeting);
  });

  it('checks BusinessHours after either greeting', () => {
    const hours = g.next(genericGreeting);
    expect(g.next(knownGreeting)).toBe(hours);
    expect(hours).toMatchObject({
      Type: 'CheckHoursOfOperation',
      Parameters: { HoursOfOperationId: '${HoursOfOperation:BusinessHours}' },
    });
    expect(g.onCondition(hours, 'True')).toBe(menu);
  });

  it('closed: after-hours message, inquiry status for a known caller, 1 → queued callback to General, then goodbye', () => {
    const hours = g.next(genericGreeting);
    const closure = g.onCondition(hours, 'False');
    const closed = g.onCondition(closure, 'True');
    expect(closed.Parameters.Text).toBe('$.FlowAttributes.closedMessage');
    const hasInquiry = g.next(closed);
    expect(hasInquiry.Parameters.ComparisonValue).toBe('$.FlowAttributes.hasInquiry');
    // The status read out is recorded for the agent before it is spoken.
    const heard = g.onCondition(hasInquiry, 'true');
    expect(heard.Parameters.Attributes).toEqual({ ivrStatusHeard: '$.Attributes.latestInquiryStatus' });
    const status = g.next(heard);
    expect(g.onError(heard, 'NoMatchingError')).toBe(status);
    expect(status.Parameters.Text).toBe('$.FlowAttributes.inquiryStatusMessage');
    const remembered = g.one(
      (a) => a.Type === 'UpdateFlowAttributes' && 'inquiryStatusMessage' in (a.Parameters.FlowAttributes as object),
      'inquiry memo',
    );
    expect(remembered.Parameters.FlowAttributes).toEqual({
      hasInquiry: { Value: '$.External.hasInquiry' },
      inquiryStatusMessage: { Value: '$.External.inquiryStatusMessage' },
    });
    const offer = g.next(status);
    expect(g.onError(hasInquiry, 'NoMatchingCondition')).toBe(offer);
    expect(offer.Type).toBe('GetParticipantInput');
    const requested = g.chosen(offer, '1');
    expect(requested.Parameters.Attributes).toEqual({ callbackRequested: 'true' });
    const number = g.next(requested);
    expect(g.onError(requested, 'NoMatchingError')).toBe(number);
    expect(number).toMatchObject({
      Type: 'UpdateContactCallbackNumber',
      Parameters: { CallbackNumber: '$.CustomerEndpoint.Address' },
    });
    const create = g.next(number);
    expect(create).toMatchObject({ Type: 'CreateCallbackContact', Parameters: { QueueId: '${Queue:General}' } });
    const goodbye = g.one(says('$.FlowAttributes.goodbye'), 'goodbye');
    expect(g.next(goodbye).Type).toBe('DisconnectParticipant');
    expect(g.reaches(create, (a) => a === goodbye)).toBe(true);
    for (const err of ['InvalidCallbackNumber', 'CallbackNumberNotDialable', 'NoMatchingError']) {
      expect(g.reaches(g.onError(number, err), (a) => a === goodbye)).toBe(true);
    }
    for (const err of ['InputTimeLimitExceeded', 'NoMatchingCondition', 'NoMatchingError']) {
      expect(g.onError(offer, err)).toBe(goodbye);
    }
  });

  it('closed on a holiday or closure (OperatingCalendar closed): the holiday message, then as after hours', () => {
    const closure = g.onCondition(g.next(genericGreeting), 'False');
    expect(closure).toMatchObject({
      Type: 'CheckHoursOfOperation',
      Parameters: { HoursOfOperationId: '${HoursOfOperation:OperatingCalendar}' },
    });
    const holiday = g.onCondition(closure, 'False');
    const closed = g.onCondition(closure, 'True');
    expect(holiday.Parameters.Text).toBe('$.FlowAttributes.holidayMessage');
    expect(g.next(holiday)).toBe(g.next(closed));
    expect(g.onError(closure, 'NoMatchingError')).toBe(closed);
  });

  it('open: the menu offers 1 status, 2 agent, 9 English', () => {
    expect((menu.Transitions.Conditions ?? []).map((c) => c.Condition.Operands[0])).toEqual(['1', '2', '9']);
    expect(g.chosen(menu, '2')).toBe(routing);
  });

  it('1: invokes the Lambda with action=inquiryStatus, speaks the message, returns to the menu', () => {
    const status = g.chosen(menu, '1');
    expect(status.Parameters).toMatchObject({
      LambdaFunctionARN: '${IvrLookupFunctionArn}',
      LambdaInvocationAttributes: {
        action: 'inquiryStatus',
        customerId: '$.Attributes.customerId',
        language: '$.LanguageCode',
      },
    });
    const result = g.next(status);
    expect(result.Parameters.ComparisonValue).toBe('$.External.statusResult');
    // A status found is recorded for the agent (its code) before it is spoken; "none" records nothing.
    const heard = g.onCondition(result, 'found');
    expect(heard.Parameters.Attributes).toEqual({ ivrStatusHeard: '$.External.latestInquiryStatus' });
    const speak = g.next(heard);
    expect(g.onError(heard, 'NoMatchingError')).toBe(speak);
    expect(g.onCondition(result, 'none')).toBe(speak);
    expect(speak.Parameters.Text).toBe('$.External.inquiryStatusMessage');
    expect(g.next(speak)).toBe(menu);
    const unavailable = g.onError(status, 'NoMatchingError');
    expect(g.onError(result, 'NoMatchingCondition')).toBe(unavailable);
    expect(g.next(unavailable)).toBe(menu);
  });

  it('9: switches to English (voice, language, analytics) and returns to the menu', () => {
    const english = g.chosen(menu, '9');
    const chain = g.reachable(english, (a) => a === menu || a === knownGreeting);
    expect(chain).toContain(menu);
    expect(chain.find(isType('UpdateContactData'))?.Parameters).toEqual({ LanguageCode: 'en-US' });
    expect(chain.find(isType('UpdateContactTextToSpeechVoice'))?.Parameters).toMatchObject({
      TextToSpeechVoice: '${Voice:en-US}',
    });
    expect(chain.find(isType('UpdateContactRecordingBehavior'))?.Parameters).toMatchObject({
      AnalyticsBehavior: { AnalyticsLanguage: 'en-US' },
    });
  });

  it('no or invalid input is re-prompted up to twice (Loop), then goes to an agent', () => {
    const retry = g.onError(menu, 'NoMatchingCondition');
    expect(g.onError(menu, 'InputTimeLimitExceeded')).toBe(retry);
    expect(g.onError(menu, 'NoMatchingError')).toBe(retry);
    expect(retry).toMatchObject({ Type: 'Loop', Parameters: { LoopCount: '2' } });
    expect(
      g.reaches(
        g.onCondition(retry, 'ContinueLooping'),
        (a) => a === menu,
        (a) => a === menu,
      ),
    ).toBe(true);
    expect(g.chosen(retry, 'DoneLooping')).toBe(routing);
  });

  it('routes gold and platinum to Priority, everyone else to General, with the customer queue flow set', () => {
    const conditions = (routing.Transitions.Conditions ?? []).map((c) => c.Condition.Operands[0]);
    expect(conditions).toEqual(['gold', 'platinum']);
    const priority = g.onCondition(routing, 'gold');
    expect(g.onCondition(routing, 'platinum')).toBe(priority);
    expect(g.reaches(priority, targetQueue('${Queue:Priority}'), targetQueue('${Queue:General}'))).toBe(true);
    const general = g.onError(routing, 'NoMatchingCondition');
    expect(g.reaches(general, targetQueue('${Queue:General}'), targetQueue('${Queue:Priority}'))).toBe(true);
    for (const queue of g.all(isType('UpdateContactTargetQueue'))) {
      const hook = g.next(queue);
      expect(hook).toMatchObject({
        Type: 'UpdateContactEventHooks',
        Parameters: { EventHooks: { CustomerQueue: '${Flow:CustomerQueue}' } },
      });
      expect(g.next(hook)).toBe(transfer);
    }
  });

  it('queue at capacity / transfer error: General when open, after-hours path when closed', () => {
    const failed = g.onError(transfer, 'QueueAtCapacity');
    expect(g.onError(transfer, 'NoMatchingError')).toBe(failed);
    expect(failed.Type).toBe('CheckHoursOfOperation');
    const open = g.onCondition(failed, 'True');
    expect(g.reaches(open, targetQueue('${Queue:General}'), (a) => a === transfer)).toBe(true);
    expect(g.onCondition(g.onCondition(failed, 'False'), 'True').Parameters.Text).toBe(
      '$.FlowAttributes.closedMessage',
    );
    // A Priority caller falls back to General; a General caller is offered a callback instead of a loop.
    expect(open.Parameters.ComparisonValue).toBe('$.FlowAttributes.targetQueue');
    const busy = g.onError(open, 'NoMatchingCondition');
    expect(busy.Parameters.Text).toBe('$.FlowAttributes.busyMessage');
    expect(g.next(busy).Type).toBe('GetParticipantInput');
    const queueError = g.onError(g.one(targetQueue('${Queue:General}'), 'General queue'), 'NoMatchingError');
    expect(queueError).toBe(busy);
  });

  it('has a Japanese and an English language pack with the same prompts, covering every prompt used', () => {
    const packs = g.all((a) => a.Identifier.startsWith('language-pack-'));
    expect(packs.map((a) => a.Identifier).sort()).toEqual(['language-pack-en', 'language-pack-ja']);
    const [en, ja] = packs.map((a) => Object.keys(a.Parameters.FlowAttributes as object).sort());
    expect(en).toEqual(ja);
    const setElsewhere = new Set(
      g
        .all((a) => a.Type === 'UpdateFlowAttributes')
        .flatMap((a) => Object.keys(a.Parameters.FlowAttributes as object)),
    );
    const used = JSON.stringify(g.doc.Actions).match(/\$\.FlowAttributes\.[A-Za-z]+/g) ?? [];
    for (const ref of used) expect(setElsewhere).toContain(ref.slice('$.FlowAttributes.'.length));
    expect(g.get('language-pack-ja').Parameters.FlowAttributes).toMatchObject({
      greetingGeneric: { Value: expect.stringContaining('お電話ありがとうございます') },
    });
  });
});

describe('customer queue flow (CUSTOMER_QUEUE)', () => {
  const g = new Graph(load('CustomerQueue'));
  const metrics = g.one(isType('GetMetricData'), 'GetMetricData');
  const offer = g.one(isType('GetParticipantInput'), 'callback offer');
  const wait = g.one(isType('MessageParticipantIteratively'), 'looping prompt');

  it('picks the prompts by the contact language', () => {
    const lang = g.one(comparing('$.LanguageCode'), 'language check');
    expect(g.onCondition(lang, 'en-US').Identifier).toBe('queue-pack-en');
    expect(g.onError(lang, 'NoMatchingCondition').Identifier).toBe('queue-pack-ja');
  });

  it('tells the caller their position from queue metrics, then offers a callback', () => {
    const position = g.next(metrics);
    expect(String(position.Parameters.Text)).toContain('$.Metrics.Queue.Size');
    expect(g.next(position)).toBe(offer);
    expect(g.onError(metrics, 'NoMatchingError')).toBe(offer);
  });

  it('repeats the position at intervals while waiting', () => {
    expect(Number(wait.Parameters.InterruptFrequencySeconds)).toBeGreaterThan(0);
    expect(g.onCondition(wait, 'MessagesInterrupted')).toBe(metrics);
    for (const err of ['InputTimeLimitExceeded', 'NoMatchingCondition', 'NoMatchingError'])
      expect(g.onError(offer, err)).toBe(wait);
    expect(g.reaches(g.onError(wait, 'NoMatchingError'), (a) => a === metrics)).toBe(true);
  });

  it('1: queues a callback at the caller number and hangs up; failures keep the caller waiting', () => {
    // The choice is recorded for the agent first: callbackRequested, and `callback` appended to ivrMenu.
    const record = g.onCondition(offer, '1');
    expect(record.Parameters.ComparisonValue).toBe('$.Attributes.ivrMenu');
    const first = g.onError(record, 'NoMatchingCondition');
    expect(first.Parameters.Attributes).toEqual({ ivrMenu: 'callback', callbackRequested: 'true' });
    const number = g.next(first);
    for (const c of record.Transitions.Conditions ?? []) {
      const append = g.get(c.NextAction);
      expect(append.Parameters.Attributes).toEqual({
        ivrMenu: '$.Attributes.ivrMenu>callback',
        callbackRequested: 'true',
      });
      expect(g.next(append)).toBe(number);
    }
    expect(number.Parameters.CallbackNumber).toBe('$.CustomerEndpoint.Address');
    const create = g.next(number);
    expect(create.Type).toBe('CreateCallbackContact');
    expect(g.reaches(create, isType('DisconnectParticipant'))).toBe(true);
    const failed = g.onError(create, 'NoMatchingError');
    expect(g.onError(number, 'InvalidCallbackNumber')).toBe(failed);
    expect(g.next(failed)).toBe(wait);
  });
});

describe('IVR journey attributes across the voice flows', () => {
  const flows = [new Graph(load('InboundVoice')), new Graph(load('CustomerQueue'))];

  it('every menu code a flow records is known to every recorder as a previous choice (so it appends, not overwrites)', () => {
    const codes = new Set<string>();
    for (const g of flows) {
      for (const a of g.all(isType('UpdateFlowAttributes'))) {
        const code = (a.Parameters.FlowAttributes as Record<string, { Value?: unknown }>).menuChoice?.Value;
        if (typeof code === 'string') codes.add(code);
      }
      for (const a of g.all(isType('UpdateContactAttributes'))) {
        const value = (a.Parameters.Attributes as Record<string, string>).ivrMenu;
        const literal = value?.replace(/^\$\.Attributes\.ivrMenu>/, '');
        if (literal !== undefined && !literal.includes('$.')) codes.add(literal);
      }
    }
    expect([...codes].sort()).toEqual(['agent', 'callback', 'english', 'no_choice', 'status']);
    const recorders = flows.flatMap((g) => g.all(comparing('$.Attributes.ivrMenu')));
    expect(recorders).toHaveLength(2);
    for (const r of recorders) {
      const conditions = r.Transitions.Conditions ?? [];
      expect(conditions.map((c) => c.Condition.Operator)).toEqual(conditions.map(() => 'TextEndsWith'));
      expect(conditions.map((c) => c.Condition.Operands[0]).sort()).toEqual([...codes].sort());
    }
  });
});

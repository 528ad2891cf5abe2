import { actionTypeSpec, CONDITION_OPERATORS, type ParameterChecker } from './action-types';
import { jsonErrorOffset } from './json-position';
import {
  FLOW_VERSION,
  type FlowAction,
  type FlowDocument,
  FlowDocumentSchema,
  type FlowType,
  LIMITS,
  transitionTargets,
} from './model';
import { findForeignPlaceholders, findPlaceholders } from './placeholders';
import { asSingleReference, findReferences, hasReference, isKnownRoot } from './references';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** The file (or name) the flow came from. */
  file: string;
  /** The action the finding is about; absent for document-level findings. */
  actionId?: string;
  /** Rule id, see {@link LINT_RULES}. */
  rule: string;
  message: string;
  /** 1-based position in the file, where the finding has one (invalid JSON). */
  line?: number;
  column?: number;
}

export interface LintOptions {
  /** Named in every diagnostic. */
  file: string;
  /** Flow type the document is deployed as; without it the `flow-type` rule is skipped. */
  flowType?: FlowType;
  /**
   * `forbid` (default): any `${…}` left is an error (content after substitution, as deployed).
   * `allow`: deploy-time placeholders (and emptied ARNs) are tolerated (flow files as stored, foreign exports).
   */
  placeholders?: 'forbid' | 'allow';
  /**
   * Also report the opt-in warnings: findings the console's own exports never satisfy (a Play prompt,
   * Loop prompts or Set voice block without an Error branch; see docs/flows.md).
   */
  strict?: boolean;
}

/** Every rule the linter implements, with its severity. */
export const LINT_RULES = {
  json: { severity: 'error', description: 'the content is valid JSON' },
  schema: { severity: 'error', description: 'the document has Version, StartAction and Actions of the right shape' },
  'content-size': { severity: 'error', description: `content is 1–${LIMITS.maxContentChars} characters` },
  version: { severity: 'error', description: `Version is exactly "${FLOW_VERSION}"` },
  'start-action': { severity: 'error', description: 'StartAction names an action' },
  'duplicate-identifier': { severity: 'error', description: 'action identifiers are unique' },
  identifier: {
    severity: 'error',
    description: 'identifiers are 1–50 characters, without % : ( \\ / ) = $ , ; [ ] { }, and not prototype names',
  },
  'max-actions': { severity: 'error', description: `at most ${LIMITS.maxActions} actions` },
  'next-action': { severity: 'error', description: 'every NextAction (plain, condition, error) names an action' },
  'unknown-type': { severity: 'error', description: 'the action type is a documented one' },
  'terminal-transitions': { severity: 'error', description: 'terminal actions have empty Transitions' },
  'condition-allowed': { severity: 'error', description: 'conditions only on action types that support them' },
  'condition-operator': { severity: 'error', description: 'condition operators are known and allowed for the type' },
  'condition-operand': { severity: 'error', description: 'exactly one static operand, of a value the type allows' },
  'required-conditions': {
    severity: 'error',
    description: 'CheckHoursOfOperation has exactly True+False, Loop exactly ContinueLooping+DoneLooping',
  },
  'error-type': { severity: 'error', description: 'only ErrorTypes the action type supports' },
  'get-input': {
    severity: 'error',
    description: 'GetParticipantInput: InputValidation iff StoreInput True, no conditions then, NoMatchingError always',
  },
  'prompt-exclusive': { severity: 'error', description: 'one prompt field (Text / SSML / PromptId), validation kind' },
  'queue-or-agent': { severity: 'error', description: 'QueueId xor AgentId (one required where the type needs it)' },
  'static-field': { severity: 'error', description: 'static fields hold no $. reference' },
  'single-reference': { severity: 'error', description: 'single-reference fields hold exactly one known-root path' },
  'reference-root': { severity: 'error', description: 'references in dynamic text start with a known root' },
  'numeric-range': {
    severity: 'error',
    description: 'numbers in range: Lambda timeout 1–8, LoopCount 0–100, callback delays 1–259200, …',
  },
  'parameter-value': { severity: 'error', description: 'enumerated parameters hold an allowed value' },
  'required-parameter': { severity: 'error', description: 'parameters the type needs are present' },
  'flow-type': { severity: 'error', description: 'the action is allowed in the flow type' },
  'unresolved-placeholder': {
    severity: 'error',
    description:
      // biome-ignore lint/suspicious/noTemplateCurlyInString: names the placeholder syntax itself
      'no deploy-time placeholder token is left after substitution, ours (${…}) or another project style ({{…}}, %…%, #{…}, $(…), <%…%>)',
  },
  'empty-arn': {
    severity: 'error',
    description: 'an ARN parameter is not empty, and a value written as an ARN has its partition, service and resource',
  },
  unreachable: { severity: 'warning', description: 'every action is reachable from StartAction' },
  'missing-error-branch': { severity: 'warning', description: 'an action that can fail has a NoMatchingError branch' },
  'loop-no-exit': { severity: 'warning', description: 'every cycle of actions has a way out' },
} as const satisfies Record<string, { severity: Severity; description: string }>;

export type LintRule = keyof typeof LINT_RULES;

const PROTOTYPE_NAMES = new Set([
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'toLocaleString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);
const FORBIDDEN_IDENTIFIER_CHARS = /[%:()\\/=$,;[\]{}]/;

/** `file[:line:column]: actionId: [rule] message` (without the action id for document-level findings). */
export function formatDiagnostic(d: Diagnostic): string {
  const at = d.line !== undefined ? `:${d.line}:${d.column ?? 1}` : '';
  return `${d.file}${at}: ${d.actionId !== undefined ? `${d.actionId}: ` : ''}[${d.rule}] ${d.message}`;
}

/** 1-based line and column of a character offset (columns count UTF-16 code units, as editors' JSON errors do). */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: before.length - lineStart + 1 };
}

/** Parameters holding an ARN by name (`LambdaFunctionARN`, `LexV2Bot.AliasArn`, …). */
const ARN_KEY = /(Arn|ARN)$/;
/** `arn:partition:service:region:account:resource`: region and account may be empty (S3), the rest may not. */
const WELL_FORMED_ARN = /^arn:[^:\s]+:[^:\s]+:[^:\s]*:[^:\s]*:\S*[^:/\s]$/;

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** A parameter value as text: strings as they are, numbers and booleans written out. */
function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function getPath(root: unknown, path: string): unknown {
  let value: unknown = root;
  for (const segment of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

class Linter {
  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly options: LintOptions) {}

  report(rule: LintRule, message: string, actionId?: string, at?: { line: number; column: number }): void {
    this.diagnostics.push({
      severity: LINT_RULES[rule].severity,
      file: this.options.file,
      ...(actionId !== undefined ? { actionId } : {}),
      rule,
      message,
      ...(at ?? {}),
    });
  }

  run(input: unknown): Diagnostic[] {
    let raw: unknown = input;
    const content = typeof input === 'string' ? input : JSON.stringify(input);
    if (content.length === 0 || content.length > LIMITS.maxContentChars) {
      this.report('content-size', `content is ${content.length} characters (allowed 1–${LIMITS.maxContentChars})`);
    }
    if (typeof input === 'string') {
      try {
        raw = JSON.parse(input);
      } catch (e) {
        const message = (e as Error).message;
        const at = lineAndColumn(input, jsonErrorOffset(input));
        // V8 appends its own position and a snippet of the input: the line and column say where, and a
        // snippet of a hostile file has no place in a report.
        const reason = message
          .replace(/\s*(in JSON )?at position \d+.*$/s, '')
          .replace(/, ".*$/s, '')
          .replace(/ in JSON$/, '');
        this.report('json', `not valid JSON at line ${at.line}, column ${at.column}: ${reason}`, undefined, at);
        return this.diagnostics;
      }
    }
    const parsed = FlowDocumentSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        this.report('schema', `${issue.path.length ? issue.path.join('.') : '(document)'}: ${issue.message}`);
      }
      return this.diagnostics;
    }
    this.lintDocument(parsed.data);
    return this.diagnostics;
  }

  private lintDocument(doc: FlowDocument): void {
    if (doc.Version !== FLOW_VERSION)
      this.report('version', `Version must be "${FLOW_VERSION}", found "${doc.Version}"`);
    if (doc.Actions.length > LIMITS.maxActions) {
      this.report('max-actions', `${doc.Actions.length} actions (at most ${LIMITS.maxActions})`);
    }
    if (this.options.placeholders !== 'allow') this.checkPlaceholders(doc);

    const ids = new Set<string>();
    for (const action of doc.Actions) {
      const id = action.Identifier;
      if (ids.has(id)) this.report('duplicate-identifier', `identifier "${id}" is used by more than one action`, id);
      ids.add(id);
      if (id.length === 0 || id.length > LIMITS.maxIdentifierLength) {
        this.report('identifier', `identifier must be 1–${LIMITS.maxIdentifierLength} characters (${id.length})`, id);
      }
      const bad = FORBIDDEN_IDENTIFIER_CHARS.exec(id);
      if (bad) this.report('identifier', `identifier contains the forbidden character "${bad[0]}"`, id);
      if (PROTOTYPE_NAMES.has(id)) this.report('identifier', `identifier "${id}" is a JavaScript prototype name`, id);
    }
    if (!ids.has(doc.StartAction)) {
      this.report('start-action', `StartAction "${doc.StartAction}" names no action`);
    }
    for (const action of doc.Actions) this.lintAction(action, ids);
    this.checkGraph(doc, ids);
  }

  private checkPlaceholders(doc: FlowDocument): void {
    const { Actions, ...rest } = doc;
    const check = (text: string, actionId?: string) => {
      for (const token of findPlaceholders(text)) {
        this.report('unresolved-placeholder', `placeholder ${token} was not substituted`, actionId);
      }
      for (const token of findForeignPlaceholders(text)) {
        this.report(
          'unresolved-placeholder',
          `${token} looks like another project's placeholder, which nothing here substitutes`,
          actionId,
        );
      }
    };
    check(JSON.stringify(rest));
    for (const action of Actions) check(JSON.stringify(action), action.Identifier);
  }

  /** ARN parameters that are empty, and ARN-shaped values missing a part (a template that substituted nothing). */
  private checkArns(action: FlowAction): void {
    const visit = (value: unknown, path: string, key: string) => {
      if (typeof value === 'string') {
        if (ARN_KEY.test(key) && value.trim() === '') {
          this.report('empty-arn', `${path} is empty`, action.Identifier);
        } else if (value.startsWith('arn:') && findPlaceholders(value).length === 0 && !WELL_FORMED_ARN.test(value)) {
          this.report(
            'empty-arn',
            `${path} "${value}" is not a whole ARN (empty partition, service or resource)`,
            action.Identifier,
          );
        }
      } else if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) visit(value[i], `${path}.${i}`, key);
      } else if (value !== null && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) visit(v, path ? `${path}.${k}` : k, k);
      }
    };
    visit(action.Parameters, '', '');
  }

  private lintAction(action: FlowAction, ids: ReadonlySet<string>): void {
    const id = action.Identifier;
    const t = action.Transitions;
    const conditions = t.Conditions ?? [];
    const errors = t.Errors ?? [];
    for (const { target, via } of transitionTargets(action)) {
      if (!ids.has(target)) this.report('next-action', `${via} goes to "${target}", which names no action`, id);
    }
    // An emptied ARN is how published samples leave a resource for the importer to fill in: like a
    // placeholder, tolerated in stored files and an error in content as deployed.
    if (this.options.placeholders !== 'allow') this.checkArns(action);
    const spec = actionTypeSpec(action.Type);
    if (!spec) {
      this.report('unknown-type', `unknown action type "${action.Type}"`, id);
      return;
    }
    const get = (path: string) => getPath(action.Parameters, path);
    const flowType = this.options.flowType;
    if (flowType && !spec.flowTypes.includes(flowType)) {
      this.report('flow-type', `${action.Type} is not allowed in a ${flowType} flow`, id);
    }
    if (spec.terminal) {
      if (t.NextAction !== undefined || conditions.length > 0 || errors.length > 0) {
        this.report('terminal-transitions', `${action.Type} ends the flow: Transitions must be {}`, id);
      }
      return;
    }
    if (spec.generic) return;

    const conditionSpec = spec.conditions?.(action, get);
    const noTransitions = t.NextAction === undefined && conditions.length === 0 && errors.length === 0;
    if (
      t.NextAction === undefined &&
      !conditionSpec &&
      !spec.endsFlowOnSuccess &&
      !(spec.mayHaveNoTransitions && noTransitions)
    ) {
      this.report('next-action', `${action.Type} needs a NextAction`, id);
    }

    // Conditions.
    if (conditions.length > 0 && !conditionSpec) {
      this.report('condition-allowed', `${action.Type} does not support conditions`, id);
    }
    if (conditionSpec) {
      const seen = new Set<string>();
      for (const c of conditions) {
        const { Operator, Operands } = c.Condition;
        if (!(CONDITION_OPERATORS as readonly string[]).includes(Operator)) {
          this.report('condition-operator', `unknown condition operator "${Operator}"`, id);
        } else if (!conditionSpec.operators.includes(Operator)) {
          this.report(
            'condition-operator',
            `${action.Type} allows ${conditionSpec.operators.join(', ')}, not ${Operator}`,
            id,
          );
        }
        const operand = Operands.length === 1 ? asText(Operands[0]) : undefined;
        if (operand === undefined) {
          this.report('condition-operand', `${Operator} takes exactly one string operand`, id);
          continue;
        }
        if (hasReference(operand) && action.Type === 'GetParticipantInput') {
          this.report('condition-operand', `operand "${operand}" must be static`, id);
        }
        const problem = conditionSpec.operand?.(operand);
        if (problem) this.report('condition-operand', `operand "${operand}": ${problem}`, id);
        if (conditionSpec.exactly) {
          if (!conditionSpec.exactly.includes(operand)) {
            this.report(
              'required-conditions',
              `${action.Type} takes only conditions on ${conditionSpec.exactly.join(' and ')}, not "${operand}"`,
              id,
            );
          } else if (seen.has(operand)) {
            this.report('required-conditions', `duplicate condition on "${operand}"`, id);
          }
        }
        seen.add(operand);
      }
      for (const required of conditionSpec.exactly ?? []) {
        if (!seen.has(required)) {
          this.report('required-conditions', `${action.Type} needs a condition Equals "${required}"`, id);
        }
      }
    }

    // Errors.
    const specific = typeof spec.errors === 'function' ? spec.errors(action, get) : (spec.errors ?? []);
    const nmc =
      typeof spec.noMatchingCondition === 'function'
        ? spec.noMatchingCondition(action, get)
        : (spec.noMatchingCondition ?? conditionSpec !== undefined);
    const allowed = new Set(['NoMatchingError', ...specific, ...(nmc ? ['NoMatchingCondition'] : [])]);
    for (const e of errors) {
      if (!allowed.has(e.ErrorType)) {
        this.report(
          'error-type',
          `${action.Type} has no error "${e.ErrorType}" (allowed: ${[...allowed].join(', ')})`,
          id,
        );
      }
    }
    const canFail = spec.catchAll === true && (this.options.strict === true || spec.catchAllOptIn !== true);
    if (canFail && action.Type !== 'GetParticipantInput' && !errors.some((e) => e.ErrorType === 'NoMatchingError')) {
      this.report('missing-error-branch', `${action.Type} can fail but has no NoMatchingError branch`, id);
    }

    spec.checkParameters?.(this.parameterChecker(action));
  }

  private parameterChecker(action: FlowAction): ParameterChecker {
    const id = action.Identifier;
    const params = action.Parameters;
    const get = (path: string) => getPath(params, path);
    const has = (path: string) => get(path) !== undefined;
    const report = (rule: LintRule, message: string) => this.report(rule, message, id);
    /** Placeholders stand for static values; the placeholder rule reports them when they must be gone. */
    const textOf = (path: string): string | undefined => {
      const v = get(path);
      const text = asText(v) ?? (v !== undefined ? JSON.stringify(v) : undefined);
      return text !== undefined && findPlaceholders(text).length > 0 ? undefined : text;
    };
    const checkRoots = (path: string, text: string) => {
      for (const ref of findReferences(text)) {
        if (!isKnownRoot(ref))
          report('reference-root', `${path}: ${ref.text} has an unknown root "$.${ref.segments[0]}"`);
      }
    };
    const single = (path: string, allowStatic: boolean) => {
      const text = textOf(path);
      if (text === undefined) return;
      if (allowStatic && !hasReference(text)) return;
      const ref = asSingleReference(text);
      if (!ref) {
        report(
          'single-reference',
          `${path} must be ${allowStatic ? 'static or ' : ''}exactly one reference such as $.Attributes.name, found "${text}"`,
        );
      } else if (!isKnownRoot(ref)) {
        report('single-reference', `${path}: ${ref.text} has an unknown root "$.${ref.segments[0]}"`);
      }
    };
    const checker: ParameterChecker = {
      action,
      get,
      has,
      required: (path) => {
        if (has(path)) return true;
        report('required-parameter', `${action.Type} needs ${path}`);
        return false;
      },
      static: (path) => {
        const text = textOf(path);
        if (text !== undefined && hasReference(text)) report('static-field', `${path} must be static, found "${text}"`);
      },
      singleReference: (path) => single(path, false),
      staticOrSingleReference: (path) => single(path, true),
      dynamic: (path) => {
        const v = get(path);
        const text = asText(v);
        if (text === undefined) {
          if (v !== undefined) report('parameter-value', `${path} must be text`);
          return;
        }
        checkRoots(path, text);
      },
      dynamicValues: (path) => {
        const v = get(path);
        if (v === null || typeof v !== 'object' || Array.isArray(v)) {
          report('parameter-value', `${path} must be an object of texts`);
          return;
        }
        for (const [k, value] of Object.entries(v)) {
          const text = asText(value);
          if (text === undefined) report('parameter-value', `${path}.${k} must be text`);
          else checkRoots(`${path}.${k}`, text);
        }
      },
      integer: (path, min, max, options) => {
        const text = textOf(path);
        if (text === undefined) return;
        if (hasReference(text)) {
          if (options?.allowReference) single(path, false);
          else report('static-field', `${path} must be a static number, found "${text}"`);
          return;
        }
        const n = Number(text.trim());
        if (text.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
          const range = max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer ${min}–${max}`;
          report('numeric-range', `${path} must be ${range}, found "${text}"`);
        }
      },
      oneOf: (path, values) => {
        const text = textOf(path);
        if (text === undefined) return;
        if (hasReference(text)) report('static-field', `${path} must be static, found "${text}"`);
        else if (!values.includes(text)) {
          report('parameter-value', `${path} must be one of ${values.join(', ')}, found "${text}"`);
        }
      },
      exclusive: (rule, paths, required) => {
        const present = paths.filter(has);
        if (present.length > 1) report(rule, `only one of ${paths.join(', ')} may be given`);
        else if (required && present.length === 0) report(rule, `${action.Type} needs one of ${paths.join(', ')}`);
      },
      error: (rule, message) => report(rule as LintRule, message),
    };
    return checker;
  }

  private checkGraph(doc: FlowDocument, ids: ReadonlySet<string>): void {
    const byId = new Map(doc.Actions.map((a) => [a.Identifier, a]));
    const edges = new Map<string, string[]>();
    for (const a of doc.Actions) {
      edges.set(
        a.Identifier,
        transitionTargets(a)
          .map((t) => t.target)
          .filter((t) => ids.has(t)),
      );
    }

    // Unreachable actions.
    if (ids.has(doc.StartAction)) {
      const reached = new Set<string>([doc.StartAction]);
      const stack = [doc.StartAction];
      while (stack.length > 0) {
        for (const next of edges.get(stack.pop()!) ?? []) {
          if (!reached.has(next)) {
            reached.add(next);
            stack.push(next);
          }
        }
      }
      for (const a of doc.Actions) {
        if (!reached.has(a.Identifier)) {
          this.report('unreachable', `not reachable from StartAction "${doc.StartAction}"`, a.Identifier);
        }
      }
    }

    // Cycles with no way out (Tarjan's strongly connected components).
    for (const component of stronglyConnected([...byId.keys()], edges)) {
      const members = new Set(component);
      const first = component[0]!;
      const cyclic = component.length > 1 || (edges.get(first) ?? []).includes(first);
      if (!cyclic) continue;
      const exits = component.some((id) => {
        const action = byId.get(id)!;
        const spec = actionTypeSpec(action.Type);
        // Transfers end the flow on success; looping prompts end when an agent answers.
        if (!spec || spec.terminal || spec.endsFlowOnSuccess || spec.mayHaveNoTransitions) return true;
        return (edges.get(id) ?? []).some((next) => !members.has(next));
      });
      if (!exits) {
        const ordered = doc.Actions.map((a) => a.Identifier).filter((x) => members.has(x));
        this.report('loop-no-exit', `the cycle ${ordered.join(' → ')} has no way out`, ordered[0]);
      }
    }
  }
}

function stronglyConnected(nodes: string[], edges: ReadonlyMap<string, string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  const visit = (v: string): void => {
    indices.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, indices.get(w)!));
      }
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      out.push(component);
    }
  };
  for (const n of nodes) if (!indices.has(n)) visit(n);
  return out;
}

/**
 * Lints a flow document (JSON text or parsed object) against the flow language rules (docs/flows.md).
 * Returns every finding; errors make a flow undeployable, warnings point at likely mistakes.
 */
export function lintFlow(input: string | FlowDocument | unknown, options: LintOptions): Diagnostic[] {
  return new Linter(options).run(input);
}

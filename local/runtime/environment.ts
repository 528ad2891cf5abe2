import * as path from 'node:path';
import { type ContactCenterConfig, DAYS, OPERATING_CALENDAR_HOURS } from '../../lib/config';
import { DEFAULT_FLOWS_DIR, FLOW_CATALOG, readCatalogFlow } from '../../lib/flows/catalog';
import { substitutePlaceholders } from '../../lib/flows/placeholders';
import { calendarHorizon, overrideName } from '../../lib/operating-calendar';
import type {
  ContactEnvironment,
  FlowDefinition,
  HoursOfOperation,
  LambdaHandler,
  SimulatedQueue,
} from '../interpreter/types';

/**
 * The local stand-in of the Connect instance: invented local ARNs for the queues, hours, flows and the
 * lookup Lambda of the configuration, and the shipped flows with their deploy-time placeholders
 * replaced by those ARNs (the way synth replaces them with the real ones).
 */

export const LOCAL_ACCOUNT = '000000000000';
export const LOCAL_INSTANCE_ID = 'local';
export const IVR_LOOKUP_FUNCTION_NAME = 'ivr-lookup';

/** Catalog key of the flow an inbound call enters (the number's flow). */
export const ENTRY_FLOW = 'InboundVoice';

export interface LocalContactCenter {
  config: ContactCenterConfig;
  region: string;
  instanceArn: string;
  queueArns: Record<string, string>;
  hoursArns: Record<string, string>;
  flowArns: Record<string, string>;
  ivrLookupFunctionArn: string;
  /** Flows by ARN, placeholders substituted. */
  flows: Record<string, FlowDefinition>;
  entryFlowArn: string;
  /** The placeholder values used (`Queue:General` → ARN …). */
  placeholders: Record<string, string>;
}

export class LocalFlowError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LocalFlowError';
  }
}

/** Replaces every `${Name}` placeholder as synth does; one without a value is an error naming flow and token. */
export function substituteLocalPlaceholders(text: string, values: Record<string, string>, flowFile: string): string {
  const { content, unresolved } = substitutePlaceholders(text, values);
  if (unresolved.length > 0) {
    throw new LocalFlowError(
      `${flowFile}: unknown placeholder ${unresolved.join(', ')} (known: ${Object.keys(values)
        .sort()
        .map((k) => `\${${k}}`)
        .join(', ')})`,
    );
  }
  return content;
}

/** Builds the local instance from the configuration and the flows in `flowsDir` (default contact-flows/). */
export function buildLocalContactCenter(
  config: ContactCenterConfig,
  options: { flowsDir?: string; region?: string } = {},
): LocalContactCenter {
  const region = options.region ?? process.env.AWS_REGION ?? 'ap-northeast-1';
  const instanceArn = `arn:aws:connect:${region}:${LOCAL_ACCOUNT}:instance/${LOCAL_INSTANCE_ID}`;
  const queueArns = Object.fromEntries(config.queues.map((q) => [q.name, `${instanceArn}/queue/${q.name}`]));
  const hoursArns = Object.fromEntries(
    [...Object.keys(config.hoursOfOperation), OPERATING_CALENDAR_HOURS].map((name) => [
      name,
      `${instanceArn}/operating-hours/${name}`,
    ]),
  );
  const flowArns = Object.fromEntries(FLOW_CATALOG.map((f) => [f.key, `${instanceArn}/contact-flow/${f.key}`]));
  const ivrLookupFunctionArn = `arn:aws:lambda:${region}:${LOCAL_ACCOUNT}:function:${IVR_LOOKUP_FUNCTION_NAME}`;
  const placeholders: Record<string, string> = {
    IvrLookupFunctionArn: ivrLookupFunctionArn,
    InstanceArn: instanceArn,
  };
  for (const [name, arn] of Object.entries(queueArns)) placeholders[`Queue:${name}`] = arn;
  for (const [name, arn] of Object.entries(hoursArns)) placeholders[`HoursOfOperation:${name}`] = arn;
  for (const [name, arn] of Object.entries(flowArns)) placeholders[`Flow:${name}`] = arn;
  for (const l of config.languages) {
    placeholders[`Voice:${l.code}`] = l.voice;
    placeholders[`VoiceEngine:${l.code}`] = l.engine;
  }

  const flowsDir = options.flowsDir ?? DEFAULT_FLOWS_DIR;
  const flows: Record<string, FlowDefinition> = {};
  for (const f of FLOW_CATALOG) {
    let text: string;
    try {
      text = readCatalogFlow(f, flowsDir);
    } catch (err) {
      throw new LocalFlowError(`${path.join(flowsDir, f.file)}: cannot read the flow (${(err as Error).message})`, {
        cause: err,
      });
    }
    const substituted = substituteLocalPlaceholders(text, placeholders, f.file);
    let content: FlowDefinition['content'];
    try {
      content = JSON.parse(substituted);
    } catch (err) {
      throw new LocalFlowError(`${f.file}: not valid JSON (${(err as Error).message})`, { cause: err });
    }
    flows[flowArns[f.key]!] = { name: f.name, type: f.type, content };
  }
  return {
    config,
    region,
    instanceArn,
    queueArns,
    hoursArns,
    flowArns,
    ivrLookupFunctionArn,
    flows,
    entryFlowArn: flowArns[ENTRY_FLOW]!,
    placeholders,
  };
}

/** Real-time state of a queue at the moment of a simulated contact. */
export type QueueState = Partial<Omit<SimulatedQueue, 'name' | 'hoursOfOperation'>>;

export interface EnvironmentOptions {
  now: Date;
  /** Agents available in every queue. @default 1 */
  agentsAvailable?: number;
  /** Per queue name: state overriding the defaults (e.g. `{ Priority: { contactsInQueue: 10, maxContacts: 10 } }`). */
  queues?: Record<string, QueueState>;
  lambdas: ContactEnvironment['lambdas'];
}

/** The {@link ContactEnvironment} of one contact at `now`. */
export function buildContactEnvironment(cc: LocalContactCenter, options: EnvironmentOptions): ContactEnvironment {
  const agentsAvailable = options.agentsAvailable ?? 1;
  // The overrides synth would deploy if it ran on the day of the contact (see lib/operating-calendar.ts).
  const overrides = calendarHorizon(cc.config.calendar, options.now, cc.config.timeZone).periods.map((p) => ({
    name: overrideName(p),
    from: p.from,
    till: p.till,
  }));
  const hoursOfOperation: Record<string, HoursOfOperation> = {};
  for (const [name, hours] of Object.entries(cc.config.hoursOfOperation)) {
    hoursOfOperation[cc.hoursArns[name]!] = {
      name,
      ...(hours.timeZone !== undefined && { timeZone: hours.timeZone }),
      schedule: hours.schedule,
      overrides,
    };
  }
  const allDay = { start: '00:00', end: '00:00' };
  hoursOfOperation[cc.hoursArns[OPERATING_CALENDAR_HOURS]!] = {
    name: OPERATING_CALENDAR_HOURS,
    schedule: Object.fromEntries(DAYS.map((d) => [d, allDay])),
    overrides,
  };
  const queues: Record<string, SimulatedQueue> = {};
  for (const q of cc.config.queues) {
    const staffed = Math.max(agentsAvailable, 1);
    queues[cc.queueArns[q.name]!] = {
      name: q.name,
      hoursOfOperation: cc.hoursArns[q.hours]!,
      ...(q.maxContacts !== undefined && { maxContacts: q.maxContacts }),
      agentsAvailable,
      agentsStaffed: staffed,
      agentsOnline: staffed,
      contactsInQueue: 0,
      oldestContactAgeSeconds: 0,
      ...options.queues?.[q.name],
    };
  }
  // Language and voice stay Connect's defaults (en-US, Joanna) until the flow sets them, as on the service.
  return {
    instanceArn: cc.instanceArn,
    region: cc.region,
    timeZone: cc.config.timeZone,
    now: options.now,
    hoursOfOperation,
    queues,
    flows: cc.flows,
    lambdas: options.lambdas,
  };
}

/** The lambdas map of the environment with the lookup handler under its local ARN. */
export function lambdaMap(cc: LocalContactCenter, ivrLookup: LambdaHandler): ContactEnvironment['lambdas'] {
  return { [cc.ivrLookupFunctionArn]: { name: IVR_LOOKUP_FUNCTION_NAME, handler: ivrLookup } };
}

import * as connect from 'aws-cdk-lib/aws-connect';
import { Construct } from 'constructs';
import { DAYS, type HoursConfig, OPERATING_CALENDAR_HOURS, type QueueConfig } from '../config';
import { type ClosurePeriod, MAX_OVERRIDES_PER_HOURS, overrideName } from '../operating-calendar';
import { chainDependencies } from './connect-chain';

export interface RoutingProfileSettings {
  /** Routing profile name. */
  readonly name: string;
  /** Voice contacts an agent handles at once (Connect allows 1). */
  readonly voice: number;
  /** Chats an agent handles at once (1–10). */
  readonly chat: number;
  /** Tasks an agent handles at once (1–10). */
  readonly task: number;
}

export interface ConnectRoutingProps {
  /** ARN of the Connect instance. */
  readonly instanceArn: string;
  /** Time zone for hours that do not set their own (IANA name, e.g. Asia/Tokyo). */
  readonly timeZone: string;
  /** Hours of operation by name. */
  readonly hoursOfOperation: Readonly<Record<string, HoursConfig>>;
  /** Queues; each names an entry of `hoursOfOperation`. */
  readonly queues: readonly QueueConfig[];
  /** The agents' routing profile (all queues, all channels). */
  readonly routingProfile: RoutingProfileSettings;
  /**
   * Queue used for agents' outbound calls and offered first to agents.
   * @default 'General'
   */
  readonly defaultQueue?: string;
  /**
   * Queues routed ahead of the others (routing priority 1; the rest get 2).
   * @default ['Priority']
   */
  readonly priorityQueues?: readonly string[];
  /**
   * Caller ID of every queue (agents' outbound calls and queued callbacks dial out with it).
   * @default - none: Connect has no caller ID to place callbacks and outbound calls with
   */
  readonly outboundCaller?: OutboundCallerSettings;
  /**
   * Days the whole center is closed (lib/operating-calendar.ts): a CLOSED override on every hours, and
   * an extra hours named `OperatingCalendar`, open around the clock except on these days, so a flow can
   * tell a closure day (that hours is closed too) from ordinary after-hours (it is open).
   * @default - no closures, and no OperatingCalendar hours
   */
  readonly closures?: readonly ClosurePeriod[];
}

export interface OutboundCallerSettings {
  /** ARN of a number claimed to the instance (`arn:aws:connect:<region>:<account>:phone-number/<id>`). */
  readonly numberArn: string;
  /** Caller ID name shown where the network passes it (1–255 characters). */
  readonly name: string;
}

const CHANNELS = ['VOICE', 'CHAT', 'TASK'] as const;

/** Weekdays a period touches, each once (Connect wants unique override config entries). */
function daysOf(period: ClosurePeriod): string[] {
  const names = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];
  const days = new Set<string>();
  const end = Date.parse(`${period.till}T00:00:00Z`);
  for (let t = Date.parse(`${period.from}T00:00:00Z`); t <= end && days.size < 7; t += 86_400_000) {
    days.add(names[new Date(t).getUTCDay()]!);
  }
  return names.filter((d) => days.has(d));
}

/** A whole-day CLOSED override (00:00–00:00 is the whole day, as in the regular hours). */
function closedOverride(period: ClosurePeriod): connect.CfnHoursOfOperation.HoursOfOperationOverrideProperty {
  const midnight = { hours: 0, minutes: 0 };
  return {
    overrideName: overrideName(period),
    overrideDescription: `Operating calendar (${period.kind}): closed ${period.from} to ${period.till}`,
    overrideType: 'CLOSED',
    effectiveFrom: period.from,
    effectiveTill: period.till,
    overrideConfig: daysOf(period).map((day) => ({ day, startTime: midnight, endTime: midnight })),
  };
}

function timeSlice(hhmm: string): connect.CfnHoursOfOperation.HoursOfOperationTimeSliceProperty {
  const [h, m] = hhmm.split(':').map(Number);
  return { hours: h ?? 0, minutes: m ?? 0 };
}

/**
 * Hours of operation, queues and the agents' routing profile, created one after another.
 * Lookups by name (`hoursArn`, `queueArn`) serve the contact flows' `${Queue:…}` placeholders.
 */
export class ConnectRouting extends Construct {
  public readonly hours: Readonly<Record<string, connect.CfnHoursOfOperation>>;
  public readonly queues: Readonly<Record<string, connect.CfnQueue>>;
  public readonly routingProfile: connect.CfnRoutingProfile;

  constructor(scope: Construct, id: string, props: ConnectRoutingProps) {
    super(scope, id);
    const defaultQueue = props.defaultQueue ?? 'General';
    const priorityQueues = new Set(props.priorityQueues ?? ['Priority']);
    const queueNames = props.queues.map((q) => q.name);
    if (props.queues.length === 0) throw new Error(`ConnectRouting ${id}: at least one queue is required`);
    if (!queueNames.includes(defaultQueue)) {
      throw new Error(
        `ConnectRouting ${id}: defaultQueue "${defaultQueue}" is not one of the queues (${queueNames.join(', ')})`,
      );
    }
    if (new Set(queueNames).size !== queueNames.length) {
      throw new Error(`ConnectRouting ${id}: queue names must be unique (${queueNames.join(', ')})`);
    }
    for (const q of props.queues) {
      if (!(q.hours in props.hoursOfOperation)) {
        throw new Error(`ConnectRouting ${id}: queue "${q.name}" uses unknown hours "${q.hours}"`);
      }
    }
    const { voice, chat, task } = props.routingProfile;
    if (voice !== 1 || chat < 1 || chat > 10 || task < 1 || task > 10) {
      throw new Error(`ConnectRouting ${id}: concurrency must be voice 1, chat 1–10, task 1–10`);
    }

    const caller = props.outboundCaller;
    if (caller !== undefined && (caller.name.length < 1 || caller.name.length > 255)) {
      throw new Error(`ConnectRouting ${id}: outboundCaller.name must be 1–255 characters`);
    }

    if (OPERATING_CALENDAR_HOURS in props.hoursOfOperation) {
      throw new Error(`ConnectRouting ${id}: the hours name "${OPERATING_CALENDAR_HOURS}" is reserved`);
    }
    const closures = props.closures;
    if (closures && closures.length > MAX_OVERRIDES_PER_HOURS) {
      throw new Error(
        `ConnectRouting ${id}: ${closures.length} closures, but Connect allows ${MAX_OVERRIDES_PER_HOURS} overrides per hours of operation`,
      );
    }
    const overrides = closures && closures.length > 0 ? closures.map(closedOverride) : undefined;

    const hours: Record<string, connect.CfnHoursOfOperation> = {};
    for (const [name, h] of Object.entries(props.hoursOfOperation)) {
      hours[name] = new connect.CfnHoursOfOperation(this, `Hours${name.replace(/[^A-Za-z0-9]/g, '')}`, {
        instanceArn: props.instanceArn,
        name,
        description: h.description,
        timeZone: h.timeZone ?? props.timeZone,
        config: DAYS.flatMap((day) => {
          const slot = h.schedule[day];
          return slot ? [{ day, startTime: timeSlice(slot.start), endTime: timeSlice(slot.end) }] : [];
        }),
        hoursOfOperationOverrides: overrides,
      });
    }
    if (closures) {
      hours[OPERATING_CALENDAR_HOURS] = new connect.CfnHoursOfOperation(this, 'HoursOperatingCalendar', {
        instanceArn: props.instanceArn,
        name: OPERATING_CALENDAR_HOURS,
        description: 'Open around the clock except on closure days: closed here means a holiday or closure',
        timeZone: props.timeZone,
        config: DAYS.map((day) => ({ day, startTime: { hours: 0, minutes: 0 }, endTime: { hours: 0, minutes: 0 } })),
        hoursOfOperationOverrides: overrides,
      });
    }
    this.hours = hours;

    const queues: Record<string, connect.CfnQueue> = {};
    for (const q of props.queues) {
      queues[q.name] = new connect.CfnQueue(this, `Queue${q.name.replace(/[^A-Za-z0-9]/g, '')}`, {
        instanceArn: props.instanceArn,
        name: q.name,
        description: q.description,
        hoursOfOperationArn: hours[q.hours]!.attrHoursOfOperationArn,
        maxContacts: q.maxContacts,
        outboundCallerConfig: caller && {
          outboundCallerIdNumberArn: caller.numberArn,
          outboundCallerIdName: caller.name,
        },
      });
    }
    this.queues = queues;

    this.routingProfile = new connect.CfnRoutingProfile(this, 'RoutingProfile', {
      instanceArn: props.instanceArn,
      name: props.routingProfile.name,
      description: 'Agents: every queue on voice, chat and task; priority queues first',
      defaultOutboundQueueArn: queues[defaultQueue]!.attrQueueArn,
      mediaConcurrencies: [
        { channel: 'VOICE', concurrency: voice },
        { channel: 'CHAT', concurrency: chat },
        { channel: 'TASK', concurrency: task },
      ],
      queueConfigs: props.queues.flatMap((q) =>
        CHANNELS.map((channel) => ({
          delay: 0,
          priority: priorityQueues.has(q.name) ? 1 : 2,
          queueReference: { channel, queueArn: queues[q.name]!.attrQueueArn },
        })),
      ),
    });

    chainDependencies([...Object.values(hours), ...Object.values(queues), this.routingProfile]);
  }

  /** ARN of the hours of operation named `name`. */
  public hoursArn(name: string): string {
    const h = this.hours[name];
    if (!h) throw new Error(`No hours of operation named "${name}" (known: ${Object.keys(this.hours).join(', ')})`);
    return h.attrHoursOfOperationArn;
  }

  /** ARN of the queue named `name`. */
  public queueArn(name: string): string {
    const q = this.queues[name];
    if (!q) throw new Error(`No queue named "${name}" (known: ${Object.keys(this.queues).join(', ')})`);
    return q.attrQueueArn;
  }

  /** The first Connect resource of this construct (to continue a dependency chain). */
  public get firstResource(): connect.CfnHoursOfOperation {
    return Object.values(this.hours)[0]!;
  }

  /** The last Connect resource of this construct (to continue a dependency chain). */
  public get lastResource(): connect.CfnRoutingProfile {
    return this.routingProfile;
  }
}

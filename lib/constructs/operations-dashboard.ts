import { Duration, Tags } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { AlarmThresholds } from '../config';
import { DEAD_LETTER_QUEUE_TAG, DEAD_LETTER_REDRIVE_TAG } from './dead-letter-queue-tags';

export { DEAD_LETTER_QUEUE_TAG, DEAD_LETTER_REDRIVE_TAG };

export interface DeadLetterQueueEntry {
  readonly queue: sqs.Queue;
  /**
   * `source`: an SQS dead-letter queue whose messages SQS can move back to the queue they came from.
   * `none`: failure records of a Lambda event source (Kinesis): they point at stream records, they are
   * not the records, so there is nothing to move back (docs/operations.md says what to do instead).
   */
  readonly redrive: 'source' | 'none';
}

export interface OperationsDashboardProps {
  /** Amazon Connect instance id (the `InstanceId` dimension of AWS/Connect metrics). */
  readonly instanceId: string;
  /** Names of the deployed flows (the `ContactFlowName` dimension). */
  readonly flowNames: readonly string[];
  /** Names of the queues (the `QueueName` dimension). */
  readonly queueNames: readonly string[];
  /** The Lambda on every caller's path. */
  readonly ivrLookup: lambda.IFunction;
  /** The public intake API (`POST /chat`, `/inquiries`, `/identity/codes`: REST API behind WAF). */
  readonly intakeApi: apigw.RestApiBase;
  /** The IAM-authorized history API (agents' tools). */
  readonly historyApi: apigwv2.IHttpApi;
  /**
   * The agent app's API (JWT-authorized).
   * @default - no agent API widget or alarm (the agent app is off)
   */
  readonly agentApi?: apigwv2.IHttpApi;
  /** The VOC queue (its oldest message is the analysis backlog). */
  readonly vocQueue: sqs.IQueue;
  /** Every dead-letter queue of the stack, by the name the CLI and the alarms show (e.g. `voc`). */
  readonly deadLetterQueues: Readonly<Record<string, DeadLetterQueueEntry>>;
  /**
   * The contact-record stream, when something reads it (its iterator age is that reader's lag).
   * @default - no iterator age widget or alarm
   */
  readonly contactRecordStream?: kinesis.IStream;
  /** Every alarm notifies this topic. */
  readonly alarmTopic: sns.ITopic;
  readonly thresholds: AlarmThresholds;
}

/** CloudWatch allows at most 10 metrics in an alarm's math expression. */
const MAX_ALARM_METRICS = 10;

const ONE_MINUTE = Duration.minutes(1);
const FIVE_MINUTES = Duration.minutes(5);

/**
 * The operator's view of the contact center: one CloudWatch dashboard (calls, queues, flows, the IVR
 * Lambda, the intake API, the VOC backlog, dead letters, the contact-record stream) and the alarms,
 * all notifying the alarm topic. Metric names and dimensions of AWS/Connect follow "Monitoring your
 * instance using CloudWatch" in the Amazon Connect Administrator Guide (docs/operations.md).
 */
export class OperationsDashboard extends Construct {
  public readonly dashboard: cloudwatch.Dashboard;
  /** Every alarm by construct id (FlowErrors, ConcurrencyQuota, IvrLookupErrors, DeadLetters<name>…). */
  public readonly alarms: Readonly<Record<string, cloudwatch.Alarm>>;

  private readonly alarmsById: Record<string, cloudwatch.Alarm> = {};
  private readonly topic: sns.ITopic;

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    if (props.flowNames.length === 0) throw new Error(`OperationsDashboard ${id}: flowNames must not be empty`);
    if (props.queueNames.length === 0) throw new Error(`OperationsDashboard ${id}: queueNames must not be empty`);
    for (const name of Object.keys(props.deadLetterQueues)) {
      if (!/^[a-z][a-z0-9-]*$/.test(name)) {
        throw new Error(
          `OperationsDashboard ${id}: dead-letter queue name "${name}" must be lower-case letters, digits and "-"`,
        );
      }
    }
    this.topic = props.alarmTopic;
    this.alarms = this.alarmsById;
    const t = props.thresholds;

    const connect = (metricName: string, group: string, statistic: string, extra: Record<string, string> = {}) =>
      new cloudwatch.Metric({
        namespace: 'AWS/Connect',
        metricName,
        dimensionsMap: { InstanceId: props.instanceId, MetricGroup: group, ...extra },
        statistic,
        period: ONE_MINUTE,
      });
    const perFlow = (metricName: string) =>
      props.flowNames.map((flow) =>
        connect(metricName, 'ContactFlow', 'Sum', { ContactFlowName: flow }).with({ label: flow }),
      );
    const perQueue = (metricName: string) =>
      props.queueNames.map((queue) =>
        connect(metricName, 'Queue', 'Maximum', { QueueName: queue }).with({ label: queue }),
      );

    // --- Alarms ---------------------------------------------------------------------------------
    this.flowAlarms(
      'FlowErrors',
      perFlow('ContactFlowErrors'),
      t.flowErrorsPer5Minutes,
      'Flow error branches taken: callers are routed by error paths (a Lambda, a queue or a prompt is failing).',
      'flow-errors',
    );
    this.flowAlarms(
      'FlowFatalErrors',
      perFlow('ContactFlowFatalErrors'),
      1,
      'A flow failed to run (system error): callers may be disconnected.',
      'flow-errors',
    );
    this.alarm('ConcurrencyQuota', {
      metric: connect('CallsBreachingConcurrencyQuota', 'VoiceCalls', 'Sum'),
      threshold: 1,
      anchor: 'concurrency-quota',
      description: 'Calls refused because the instance reached its concurrent calls quota.',
    });
    this.alarm('IvrLookupErrors', {
      metric: props.ivrLookup.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
      threshold: t.ivrLookupErrorsPer5Minutes,
      anchor: 'ivr-lookup',
      description: 'ivr-lookup failed: callers get the generic greeting and the General queue.',
    });
    this.alarm('IvrLookupThrottles', {
      metric: props.ivrLookup.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
      threshold: 1,
      anchor: 'ivr-lookup',
      description: 'ivr-lookup was throttled (concurrency): callers get the generic greeting.',
    });
    this.alarm('IvrLookupLatency', {
      metric: props.ivrLookup.metricDuration({ period: FIVE_MINUTES, statistic: 'p99' }),
      threshold: t.ivrLookupP99Ms,
      comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      anchor: 'ivr-lookup',
      description: `ivr-lookup p99 above ${t.ivrLookupP99Ms} ms: callers hear silence before the greeting.`,
    });
    for (const [name, entry] of Object.entries(props.deadLetterQueues)) {
      Tags.of(entry.queue).add(DEAD_LETTER_QUEUE_TAG, name);
      Tags.of(entry.queue).add(DEAD_LETTER_REDRIVE_TAG, entry.redrive);
      this.alarm(`DeadLetters${pascal(name)}`, {
        metric: entry.queue.metricApproximateNumberOfMessagesVisible({ period: ONE_MINUTE, statistic: 'Maximum' }),
        threshold: 1,
        anchor: 'dead-letters',
        description:
          `Messages in the ${name} dead-letter queue: they failed every retry. ` +
          (entry.redrive === 'source'
            ? `Fix the cause, then: contact-center ops dlq redrive ${name} --stage aws.`
            : 'Read them (they name the stream records), fix the cause, replay from the stream.'),
      });
    }
    this.alarm('VocBacklog', {
      metric: props.vocQueue.metricApproximateAgeOfOldestMessage({ period: FIVE_MINUTES, statistic: 'Maximum' }),
      threshold: t.vocBacklogMinutes * 60,
      comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      anchor: 'voc-backlog',
      description: `A VOC message has waited more than ${t.vocBacklogMinutes} minutes for analysis.`,
    });
    if (props.contactRecordStream) {
      this.alarm('ContactRecordIteratorAge', {
        metric: props.contactRecordStream.metricGetRecordsIteratorAgeMilliseconds({
          period: ONE_MINUTE,
          statistic: 'Maximum',
        }),
        threshold: t.contactRecordIteratorAgeMinutes * 60_000,
        comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        anchor: 'contact-record-iterator-age',
        description: `Contact records are read more than ${t.contactRecordIteratorAgeMinutes} minutes late: histories lag.`,
      });
    }
    // The public intake is a REST API (5XXError) and the history API an HTTP API (5xx): one alarm on both.
    this.alarm('Api5xx', {
      metric: new cloudwatch.MathExpression({
        expression: 'FILL(intake, 0) + FILL(history, 0)',
        usingMetrics: {
          intake: intakeServerErrors(props.intakeApi, FIVE_MINUTES),
          history: props.historyApi.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
        },
        label: 'intake + history API 5xx',
        period: FIVE_MINUTES,
      }),
      threshold: t.api5xxPer5Minutes,
      anchor: 'api-5xx',
      description: 'The intake or history API answered 5xx: chats, web forms or history reads are failing.',
    });
    if (props.agentApi) {
      this.alarm('AgentApi5xx', {
        metric: props.agentApi.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
        threshold: t.api5xxPer5Minutes,
        anchor: 'agent-api-5xx',
        description: "The agent API answered 5xx: agents cannot see customers' histories or save wrap-ups.",
      });
    }

    // --- Dashboard ------------------------------------------------------------------------------
    const graph = (title: string, left: cloudwatch.IMetric[], options: Partial<cloudwatch.GraphWidgetProps> = {}) =>
      new cloudwatch.GraphWidget({ title, left, width: 8, height: 6, ...options });
    const line = (value: number, label: string): cloudwatch.HorizontalAnnotation => ({ value, label });

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.hours(3),
      periodOverride: cloudwatch.PeriodOverride.AUTO,
    });
    this.dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({
        title: 'アラーム / Alarms',
        alarms: Object.values(this.alarmsById),
        width: 24,
        height: 3,
      }),
    );
    this.dashboard.addWidgets(
      graph('通話数 / Calls per interval', [connect('CallsPerInterval', 'VoiceCalls', 'Sum')]),
      graph('同時通話 / Concurrent calls', [connect('ConcurrentCalls', 'VoiceCalls', 'Maximum')], {
        right: [connect('ConcurrentCallsPercentage', 'VoiceCalls', 'Maximum').with({ label: '% of quota' })],
      }),
      graph('不在着信・制限 / Missed, throttled, over quota', [
        connect('MissedCalls', 'VoiceCalls', 'Sum'),
        connect('ThrottledCalls', 'VoiceCalls', 'Sum'),
        connect('CallsBreachingConcurrencyQuota', 'VoiceCalls', 'Sum'),
      ]),
    );
    this.dashboard.addWidgets(
      graph('待ち呼 / Queue size', perQueue('QueueSize')),
      graph('最長待ち時間 (秒) / Oldest contact in queue (s)', perQueue('LongestQueueWaitTime')),
      graph('フローエラー / Flow errors', [...perFlow('ContactFlowErrors'), ...perFlow('ContactFlowFatalErrors')]),
    );
    this.dashboard.addWidgets(
      graph(
        'ivr-lookup 所要時間 / duration (ms)',
        [
          props.ivrLookup.metricDuration({ statistic: 'p50', period: ONE_MINUTE }).with({ label: 'p50' }),
          props.ivrLookup.metricDuration({ statistic: 'p99', period: ONE_MINUTE }).with({ label: 'p99' }),
        ],
        { leftAnnotations: [line(t.ivrLookupP99Ms, 'p99 alarm')] },
      ),
      graph(
        'ivr-lookup エラー・スロットル / errors, throttles',
        [props.ivrLookup.metricErrors({ period: ONE_MINUTE }), props.ivrLookup.metricThrottles({ period: ONE_MINUTE })],
        { right: [props.ivrLookup.metricInvocations({ period: ONE_MINUTE })] },
      ),
      graph('受付・履歴 API / Intake and history API 4xx, 5xx', [
        props.intakeApi.metricClientError({ period: ONE_MINUTE, statistic: 'Sum', label: 'intake 4xx' }),
        intakeServerErrors(props.intakeApi, ONE_MINUTE).with({ label: 'intake 5xx' }),
        props.historyApi.metricClientError({ period: ONE_MINUTE, label: 'history 4xx' }),
        props.historyApi.metricServerError({ period: ONE_MINUTE, label: 'history 5xx' }),
        ...(props.agentApi
          ? [
              props.agentApi.metricClientError({ period: ONE_MINUTE, label: 'agent 4xx' }),
              props.agentApi.metricServerError({ period: ONE_MINUTE, label: 'agent 5xx' }),
            ]
          : []),
      ]),
    );
    this.dashboard.addWidgets(
      graph(
        'VOC 未分析の最古 (秒) / VOC backlog age (s)',
        [props.vocQueue.metricApproximateAgeOfOldestMessage({ period: ONE_MINUTE, statistic: 'Maximum' })],
        { leftAnnotations: [line(t.vocBacklogMinutes * 60, 'alarm')] },
      ),
      graph(
        'デッドレター / Dead letters',
        Object.entries(props.deadLetterQueues).map(([name, entry]) =>
          entry.queue
            .metricApproximateNumberOfMessagesVisible({ period: ONE_MINUTE, statistic: 'Maximum' })
            .with({ label: name }),
        ),
      ),
      ...(props.contactRecordStream
        ? [
            graph(
              'コンタクトレコード遅延 (ms) / Contact-record iterator age (ms)',
              [
                props.contactRecordStream.metricGetRecordsIteratorAgeMilliseconds({
                  period: ONE_MINUTE,
                  statistic: 'Maximum',
                }),
              ],
              { leftAnnotations: [line(t.contactRecordIteratorAgeMinutes * 60_000, 'alarm')] },
            ),
          ]
        : []),
    );
  }

  /** One alarm on the sum of per-flow metrics (in groups of 10, CloudWatch's limit per alarm). */
  private flowAlarms(
    id: string,
    metrics: cloudwatch.Metric[],
    threshold: number,
    description: string,
    anchor: string,
  ): void {
    for (let i = 0; i < metrics.length; i += MAX_ALARM_METRICS) {
      const group = metrics.slice(i, i + MAX_ALARM_METRICS);
      const usingMetrics = Object.fromEntries(group.map((m, k) => [`m${k}`, m.with({ period: FIVE_MINUTES })]));
      this.alarm(i === 0 ? id : `${id}${i / MAX_ALARM_METRICS + 1}`, {
        // Flows without errors publish nothing: missing points count as zero.
        metric: new cloudwatch.MathExpression({
          expression: 'SUM(FILL(METRICS(), 0))',
          usingMetrics,
          period: FIVE_MINUTES,
          label: id,
        }),
        threshold,
        description,
        anchor,
      });
    }
  }

  private alarm(
    id: string,
    spec: {
      metric: cloudwatch.IMetric;
      threshold: number;
      description: string;
      /** Section of docs/operations.md that says what to do. */
      anchor: string;
      comparison?: cloudwatch.ComparisonOperator;
      evaluationPeriods?: number;
      datapointsToAlarm?: number;
    },
  ): void {
    const alarm = new cloudwatch.Alarm(this, id, {
      metric: spec.metric,
      threshold: spec.threshold,
      comparisonOperator: spec.comparison ?? cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: spec.evaluationPeriods ?? 1,
      datapointsToAlarm: spec.datapointsToAlarm,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: `${spec.description} See docs/operations.md#${spec.anchor}`,
    });
    alarm.addAlarmAction(new cwActions.SnsAction(this.topic));
    this.alarmsById[id] = alarm;
  }
}

function intakeServerErrors(api: apigw.RestApiBase, period: Duration): cloudwatch.Metric {
  return api.metricServerError({ period, statistic: 'Sum' });
}

function pascal(name: string): string {
  return name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/**
 * The caller scenarios both test suites run: locally, through the interpreter with the real ivr-lookup
 * Lambda and the demo customers (test/local/scenarios/caller-experience.test.ts); on the live instance,
 * compiled into Amazon Connect native test cases (`AWS::Connect::TestCase`, lib/flows/test-cases.ts) that
 * the operator runs after `cdk deploy`. One definition, so a scenario cannot drift between the two.
 *
 * The callers are the demo customers (local/seed/demo-data.ts): on AWS, import the same demo data first
 * (docs/flows.md, "Native test cases").
 */

export interface CallerStep {
  /** A fragment of what the caller hears (matched by inclusion, as the test case's MessageReceived does). */
  readonly hear: string;
  /** The key the caller presses once this was heard (the flow is waiting for input). */
  readonly press?: string;
}

export interface CallerScenario {
  /** Stable id: the test case name is `caller-<id>`. */
  readonly id: string;
  /** What the scenario proves (ja-JP first; shown as the test case description). */
  readonly description: string;
  /** Caller id as dialed (demo data numbers). */
  readonly from: string;
  /** The business hours as the call finds them (the test case substitutes always-open/closed hours). */
  readonly hours: 'open' | 'closed';
  /** What the caller hears, in order, and the keys pressed along the way. */
  readonly steps: readonly CallerStep[];
  /** Where the contact ends. */
  readonly outcome: 'queued' | 'callback' | 'disconnected';
  /** The queue the contact is placed in (or the callback queued to). */
  readonly queue?: string;
  /**
   * Contact attributes set along the way (checked at the end), the caller's IVR journey included
   * (`ivrMenu`, `ivrStatusHeard`, `callbackRequested`: docs/flows.md).
   */
  readonly attributes?: Readonly<Record<string, string>>;
}

const MENU_JA = '最新のお問い合わせの状況をお聞きになる場合は1を';
const GOODBYE_JA = 'お電話ありがとうございました。失礼いたします。';

export const CALLER_SCENARIOS: readonly CallerScenario[] = [
  {
    id: 'greeting-by-name',
    description:
      '登録済みのお客様（ゴールド）を名前で迎え、顧客属性を付けて優先キューへ / a known gold customer is greeted by name',
    from: '03-1234-5678',
    hours: 'open',
    steps: [{ hear: '山田様、お電話ありがとうございます。' }, { hear: MENU_JA, press: '2' }],
    outcome: 'queued',
    queue: 'Priority',
    attributes: { customerId: 'C-1001', tier: 'gold', language: 'ja-JP', ivrMenu: 'agent' },
  },
  {
    id: 'menu-language',
    description:
      'メニューの9で英語に切り替え、2でオペレーターへ / 9 in the menu switches to English, 2 reaches an agent',
    from: '06-6123-4567',
    hours: 'open',
    steps: [
      { hear: '鈴木様' },
      { hear: MENU_JA, press: '9' },
      { hear: 'For the status of your latest inquiry, press 1. To speak with an agent, press 2.', press: '2' },
    ],
    outcome: 'queued',
    queue: 'General',
    attributes: { customerId: 'C-1003', ivrMenu: 'english>agent' },
  },
  {
    id: 'inquiry-status',
    description:
      'メニューの1で最新のお問い合わせ状況を読み上げ、2でオペレーターへ / menu 1 reads the latest inquiry status',
    from: '06-6123-4567',
    hours: 'open',
    steps: [
      { hear: MENU_JA, press: '1' },
      { hear: 'お問い合わせ（番号 INQ-2003）は受け付け済みです。' },
      { hear: MENU_JA, press: '2' },
    ],
    outcome: 'queued',
    queue: 'General',
    attributes: { ivrMenu: 'status>agent', ivrStatusHeard: 'received' },
  },
  {
    id: 'routing-platinum',
    description: 'プラチナ会員は優先キューへ / a platinum customer is routed to the Priority queue',
    from: '090-1234-5678',
    hours: 'open',
    steps: [{ hear: MENU_JA, press: '2' }],
    outcome: 'queued',
    queue: 'Priority',
    attributes: { tier: 'platinum', ivrMenu: 'agent' },
  },
  {
    id: 'after-hours',
    description:
      '営業時間外: 状況を案内し、入力がなければ終話 / after hours: status, then goodbye when nothing is pressed',
    from: '03-1234-5678',
    hours: 'closed',
    steps: [
      { hear: 'ただいま営業時間外のため' },
      { hear: 'お問い合わせ（番号 INQ-2001）は現在対応中です。' },
      { hear: GOODBYE_JA },
    ],
    outcome: 'disconnected',
    attributes: { ivrStatusHeard: 'in_progress' },
  },
  {
    id: 'after-hours-callback',
    description: '営業時間外に1で折り返しを予約 / after hours, 1 books a callback to the calling number',
    from: '03-1234-5678',
    hours: 'closed',
    steps: [
      { hear: 'ただいま営業時間外のため' },
      { hear: '折り返しのお電話をご希望の場合は、1を押してください。', press: '1' },
      { hear: '折り返しのお電話を承りました。' },
    ],
    outcome: 'callback',
    queue: 'General',
    attributes: { ivrMenu: 'callback', callbackRequested: 'true', ivrStatusHeard: 'in_progress' },
  },
];

/** The keys of a scenario as the local `digits` script (one key per prompt that listens). */
export function scenarioDigits(scenario: CallerScenario): string {
  return scenario.steps.flatMap((s) => (s.press !== undefined ? [s.press] : [])).join('');
}

import type { Disposition } from './contract';

/**
 * Wrap-up outcomes when the configuration names none (`contactCenter.agentApp.dispositions`): the ones a
 * Japanese support desk commonly reports on. Ids are stable keys in the history; labels may change.
 */
export const DEFAULT_DISPOSITIONS: readonly Disposition[] = [
  { id: 'resolved', ja: '解決済み', en: 'Resolved' },
  { id: 'follow-up', ja: '要フォローアップ', en: 'Follow-up needed' },
  { id: 'escalated', ja: 'エスカレーション', en: 'Escalated' },
  { id: 'information', ja: '情報提供のみ', en: 'Information only' },
  { id: 'complaint', ja: 'ご意見・苦情', en: 'Complaint or feedback' },
  { id: 'wrong-number', ja: '間違い電話・無言', en: 'Wrong number or silent' },
];

/** The environment variable that carries the configured dispositions (JSON) to the agent API. */
export const AGENT_DISPOSITIONS_ENV = 'AGENT_DISPOSITIONS';

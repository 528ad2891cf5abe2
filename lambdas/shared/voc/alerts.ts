/** A gold/platinum customer's strongly negative message, for the team that calls them back. */
export interface VocAlert {
  sourceId: string;
  customerId: string;
  tier: string;
  channel: string;
  at: string;
  scoreNegative: number;
  /** Redacted, shortened text (never the raw text). */
  excerpt: string;
}

export interface Alerts {
  publish(alert: VocAlert): Promise<void>;
}

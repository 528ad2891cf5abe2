/**
 * Port to the analytics lake. One {@link VocLakeRecord} per analyzed message: redacted text only.
 * AWS: Firehose → S3 Parquet under `voc/dt=YYYY-MM-DD/` (Glue table `voc_messages`).
 * Local: DuckDB-written Parquet under `.contact-center/lake/voc/dt=YYYY-MM-DD/`.
 */
export interface VocLakeRecord {
  source_id: string;
  channel: string;
  customer_id: string | null;
  tier: string | null;
  queue: string | null;
  /** Comprehend language code the text was analyzed as (`ja`, `en`, …). */
  language: string;
  /** ISO-8601 UTC instant (`2025-04-01T00:30:00.000Z`): sorts as text in every engine. */
  at: string;
  /**
   * Partition value: the day of `at` in the center's time zone (`YYYY-MM-DD`; Asia/Tokyo by default),
   * so a report's day is a business day. A partition column, not a Parquet column.
   */
  dt: string;
  /** POSITIVE | NEGATIVE | NEUTRAL | MIXED, or null for a language that cannot be analyzed. */
  sentiment: string | null;
  score_positive: number | null;
  score_negative: number | null;
  score_neutral: number | null;
  score_mixed: number | null;
  key_phrases: string[];
  text_redacted: string;
  /** What the redactor removed, per kind (`{"PHONE": 2, "NAME": 1}`); the values never reach the lake. */
  pii_counts: Record<string, number>;
}

/** Lake columns in table order (dt excluded: it is the partition). */
export const VOC_LAKE_COLUMNS = [
  { name: 'source_id', type: 'string' },
  { name: 'channel', type: 'string' },
  { name: 'customer_id', type: 'string' },
  { name: 'tier', type: 'string' },
  { name: 'queue', type: 'string' },
  { name: 'language', type: 'string' },
  { name: 'at', type: 'string' },
  { name: 'sentiment', type: 'string' },
  { name: 'score_positive', type: 'double' },
  { name: 'score_negative', type: 'double' },
  { name: 'score_neutral', type: 'double' },
  { name: 'score_mixed', type: 'double' },
  { name: 'key_phrases', type: 'array<string>' },
  { name: 'text_redacted', type: 'string' },
  { name: 'pii_counts', type: 'map<string,int>' },
] as const;

export interface VocLake {
  /**
   * Writes records; resolves with the source ids that could not be written (after the adapter's own
   * retries), so that only those messages fail.
   */
  put(records: readonly VocLakeRecord[]): Promise<{ failedSourceIds: string[] }>;
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The VOC reports: one portable SQL file each in `lib/voc/reports/`, run unchanged by Athena
 * (named queries, execution parameters) and by DuckDB (prepared statements). Each takes two
 * positional parameters, the first and the last day (`'YYYY-MM-DD'`, inclusive), over a table or
 * view named `voc_messages`.
 */
export const VOC_REPORTS = [
  { name: 'volume-by-channel-day', title: 'Volume by channel and day' },
  { name: 'sentiment-by-channel-day', title: 'Sentiment mix and average score by channel and day' },
  { name: 'negative-key-phrases', title: 'Top key phrases in negative messages' },
  { name: 'sentiment-by-tier', title: 'Sentiment by customer tier' },
  { name: 'declining-customers', title: 'Customers whose sentiment declined over their last contacts' },
] as const;

export type VocReportName = (typeof VOC_REPORTS)[number]['name'];

export const VOC_REPORTS_DIR = join(__dirname, 'reports');

/** The table (Glue) or view (DuckDB) every report reads. */
export const VOC_TABLE_NAME = 'voc_messages';

export function reportSql(name: VocReportName): string {
  return readFileSync(join(VOC_REPORTS_DIR, `${name}.sql`), 'utf8');
}

/** The comment lines at the top of a report's SQL (from {@link reportSql}), as one description line. */
export function reportDescription(sql: string): string {
  return sql
    .split('\n')
    .filter((l) => l.startsWith('--'))
    .map((l) => l.replace(/^--\s?/, ''))
    .filter((l) => !/^(Portable SQL|Parameters):/.test(l))
    .join(' ');
}

export function isVocReportName(name: string): name is VocReportName {
  return VOC_REPORTS.some((r) => r.name === name);
}

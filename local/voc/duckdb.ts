import { DuckDBInstance, DuckDBListValue, type DuckDBValue } from '@duckdb/node-api';
import { VOC_LAKE_COLUMNS } from '../../lambdas/shared/voc/voc-lake';

/** Shared DuckDB helpers for the local VOC lake (writer, report engine, bench). */

export type ReportRow = Record<string, string | number | boolean | null | (string | number | null)[]>;

export async function openDuckDb() {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  return {
    connection,
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** SQL string literal (single quotes doubled). */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** DuckDB column types of the lake, for `read_json(columns = …)` and empty views. */
export const DUCKDB_LAKE_COLUMNS: Record<string, string> = Object.fromEntries(
  VOC_LAKE_COLUMNS.map((c) => [
    c.name,
    c.type === 'double'
      ? 'DOUBLE'
      : c.type === 'array<string>'
        ? 'VARCHAR[]'
        : c.type === 'map<string,int>'
          ? 'MAP(VARCHAR, INTEGER)'
          : 'VARCHAR',
  ]),
);

export function duckDbStruct(columns: Record<string, string>): string {
  return `{${Object.entries(columns)
    .map(([k, v]) => `${sqlString(k)}: ${sqlString(v)}`)
    .join(', ')}}`;
}

/** DuckDB values → JSON-friendly values (BIGINT/HUGEINT → number, lists → arrays). */
export function plainValue(v: DuckDBValue): ReportRow[string] {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof DuckDBListValue) return v.items.map((i) => plainValue(i) as string | number | null);
  return String(v);
}

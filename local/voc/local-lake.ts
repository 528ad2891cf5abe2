import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VocLake, VocLakeRecord } from '../../lambdas/shared/voc/voc-lake';
import { DUCKDB_LAKE_COLUMNS, duckDbStruct, openDuckDb, sqlString } from './duckdb';

/** `<home>/lake/voc`: the same `dt=YYYY-MM-DD/` layout as the S3 lake. */
export function vocLakeDir(home: string): string {
  return join(home, 'lake', 'voc');
}

/**
 * {@link VocLake} on local files: one Parquet file per call and day, written by DuckDB
 * (`COPY … TO … (FORMAT parquet)`) under `<lakeDir>/dt=YYYY-MM-DD/part-<time>-<uuid>.parquet`.
 * `dt` is a partition (directory) like in S3, not a column of the files. Files are written under a
 * temporary name and renamed, so a reader never sees half a file.
 */
export class LocalVocLake implements VocLake {
  constructor(readonly lakeDir: string) {}

  async put(records: readonly VocLakeRecord[]): Promise<{ failedSourceIds: string[] }> {
    if (records.length === 0) return { failedSourceIds: [] };
    const byDay = new Map<string, VocLakeRecord[]>();
    for (const r of records) byDay.set(r.dt, [...(byDay.get(r.dt) ?? []), r]);
    const db = await openDuckDb();
    const scratch = join(tmpdir(), `voc-lake-${randomUUID()}`);
    mkdirSync(scratch, { recursive: true });
    try {
      for (const [dt, rows] of byDay) {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(dt)) throw new Error(`invalid partition value dt=${dt}`);
        const json = join(scratch, `${dt}.jsonl`);
        writeFileSync(json, rows.map(({ dt: _dt, ...row }) => JSON.stringify(row)).join('\n'));
        const dir = join(this.lakeDir, `dt=${dt}`);
        mkdirSync(dir, { recursive: true });
        const name = `part-${Date.now()}-${randomUUID()}.parquet`;
        const partial = join(dir, `.${name}.tmp`);
        await db.connection.run(
          `COPY (SELECT ${Object.keys(DUCKDB_LAKE_COLUMNS)
            .map((c) => `"${c}"`)
            .join(', ')} FROM read_json(${sqlString(json)}, ` +
            `format = 'newline_delimited', columns = ${duckDbStruct(DUCKDB_LAKE_COLUMNS)})) ` +
            `TO ${sqlString(partial)} (FORMAT parquet, COMPRESSION zstd)`,
        );
        renameSync(partial, join(dir, name));
      }
    } finally {
      db.close();
      rmSync(scratch, { recursive: true, force: true });
    }
    return { failedSourceIds: [] };
  }
}

/** Whether the lake holds at least one Parquet file. */
export function lakeHasFiles(lakeDir: string): boolean {
  try {
    return readdirSync(lakeDir, { withFileTypes: true }).some(
      (d) => d.isDirectory() && readdirSync(join(lakeDir, d.name)).some((f) => f.endsWith('.parquet')),
    );
  } catch {
    return false;
  }
}

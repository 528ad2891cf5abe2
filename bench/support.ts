/** Small helpers shared by the bench scripts (figures only; no assertions). */
import { resolve } from 'node:path';

/** Repository root. */
export const ROOT = resolve(__dirname, '..');

/** A `--name VALUE` command-line option, or `fallback`. */
export function stringArg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

/** A numeric `--name N` command-line option, or `fallback`. */
export function numericArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Nearest-rank percentile (p in 0–100) of a non-empty sample. */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export const median = (xs: number[]) => percentile(xs, 50);

export const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { FlowType } from '../../../local/interpreter';

/**
 * The shared flow corpora (`<repo>/../shared/fixtures/connect-flows/{acme,real-world}`), read in place,
 * never copied into the project. CI runs in a fresh clone with `shared/` beside it; a git worktree sits
 * deeper, so every ancestor's `shared/` is tried, nearest first. `CONTACT_CENTER_SHARED_DIR` overrides.
 */
export function sharedDir(): string {
  const override = process.env.CONTACT_CENTER_SHARED_DIR;
  if (override) return resolve(override);
  const repoRoot = resolve(__dirname, '..', '..', '..');
  const tried: string[] = [];
  for (let dir = dirname(repoRoot); ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared');
    tried.push(candidate);
    if (existsSync(join(candidate, 'fixtures', 'connect-flows'))) return candidate;
    if (dirname(dir) === dir) break;
  }
  throw new Error(`shared fixtures not found (tried ${tried.join(', ')}); set CONTACT_CENTER_SHARED_DIR`);
}

export interface CorpusFlow {
  corpus: 'acme' | 'real-world';
  /** File inside its corpus folder, as index.json names it. */
  file: string;
  /** The acme repository's own name for the flow (its `${F:name:F}` tokens use it). */
  name: string;
  type: FlowType;
  /** What a faithful tool does with it (index.json `expect`). */
  expect: string;
  text: string;
}

export function corpusFlows(corpus: 'acme' | 'real-world'): CorpusFlow[] {
  const root = join(sharedDir(), 'fixtures', 'connect-flows', corpus);
  const index = JSON.parse(readFileSync(join(root, 'index.json'), 'utf8')) as {
    flows: { file: string; type: FlowType; name?: string; expect?: string }[];
  };
  return index.flows.map((f) => ({
    corpus,
    file: f.file,
    name: f.name ?? f.file.replace(/\.json$/, ''),
    type: f.type,
    expect: f.expect ?? 'valid: 0 errors for its type',
    text: readFileSync(join(root, f.file), 'utf8'),
  }));
}

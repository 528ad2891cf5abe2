import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The shared fixtures folder, read in place (never copied into the project). CI runs in a fresh clone
 * with `shared/` beside it (`<repo>/../shared`); a git worktree sits deeper (`<root>/wt/<branch>`), so
 * every ancestor's `shared/` is tried, nearest first. `CONTACT_CENTER_SHARED_DIR` overrides the search.
 */
export function sharedDir(): string {
  const override = process.env.CONTACT_CENTER_SHARED_DIR;
  if (override) return path.resolve(override);
  const repoRoot = path.resolve(__dirname, '..', '..', '..');
  const tried: string[] = [];
  for (let dir = path.dirname(repoRoot); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared');
    tried.push(candidate);
    if (fs.existsSync(path.join(candidate, 'fixtures', 'connect-flows'))) return candidate;
    if (path.dirname(dir) === dir) break;
  }
  throw new Error(`shared fixtures not found (tried ${tried.join(', ')}); set CONTACT_CENTER_SHARED_DIR`);
}

export interface FixtureFlow {
  /** Corpus folder and file, e.g. `real-world/amazon-connect-salesforce-scv/AWS_Sample_SCV_Inbound.json`. */
  name: string;
  path: string;
  type: string;
  /** `valid: 0 errors for its type`, or what a faithful tool does with an invalid one. */
  expect: string;
}

/** Every flow of the acme and real-world corpora, from their index.json files. */
export function fixtureFlows(): FixtureFlow[] {
  const root = path.join(sharedDir(), 'fixtures', 'connect-flows');
  return ['acme', 'real-world'].flatMap((corpus) => {
    const index = JSON.parse(fs.readFileSync(path.join(root, corpus, 'index.json'), 'utf8')) as {
      flows: { file: string; type: string; expect?: string }[];
    };
    return index.flows.map((f) => ({
      name: `${corpus}/${f.file}`,
      path: path.join(root, corpus, f.file),
      type: f.type,
      expect: f.expect ?? 'valid: 0 errors for its type',
    }));
  });
}

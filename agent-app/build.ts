import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { type BuildOptions, type BuildResult, build, buildSync } from 'esbuild';

/**
 * Builds the agent app with esbuild into static files: `index.html`, `signed-in.html` (Cognito's
 * redirect target) and content-hashed `assets/*` (JavaScript with code splitting, CSS, fonts). Used by
 * the stack at synth (the hosting bucket's asset), by the local console at start (`/agent`), and by the
 * bench (bundle size). `config.json` is not part of the build: each host writes its own.
 */

export interface AgentAppFile {
  /** Path relative to the app's root, e.g. `index.html`, `assets/main-3F2A.js`. */
  path: string;
  contents: Uint8Array;
}

export interface AgentAppBuild {
  files: AgentAppFile[];
  /** The JavaScript files index.html loads before the app can show anything (entry and its static imports). */
  initialScripts: string[];
}

export interface BuildAgentAppOptions {
  /** @default true */
  minify?: boolean;
  /** Also write the files under this directory. */
  outdir?: string;
}

export const AGENT_APP_DIR = __dirname;

/**
 * The sign-in redirect page's script, when the app has one (`agent-app/src/signed-in.ts`): it becomes the
 * `signed-in` entry and `signed-in.html` loads it (the CSP allows no inline script).
 */
const SIGNED_IN_ENTRY = path.join(AGENT_APP_DIR, 'src', 'signed-in.ts');

function esbuildOptions(options: BuildAgentAppOptions) {
  const entryPoints: Record<string, string> = { main: path.join(AGENT_APP_DIR, 'src', 'main.tsx') };
  if (existsSync(SIGNED_IN_ENTRY)) entryPoints['signed-in'] = SIGNED_IN_ENTRY;
  return {
    entryPoints,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome120', 'firefox120', 'safari17', 'edge120'],
    minify: options.minify ?? true,
    sourcemap: false,
    write: false,
    outdir: '/assets',
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    assetNames: '[name]-[hash]',
    loader: { '.woff': 'file', '.woff2': 'file', '.svg': 'file', '.png': 'file' },
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    metafile: true,
    logLevel: 'silent',
    legalComments: 'none',
  } satisfies BuildOptions;
}

export async function buildAgentApp(options: BuildAgentAppOptions = {}): Promise<AgentAppBuild> {
  return finish(await build(esbuildOptions(options)), options);
}

/**
 * The same build, synchronously: for the CDK stack, whose constructs cannot await (esbuild's `buildSync`
 * takes no plugins, and this build uses none).
 */
export function buildAgentAppSync(options: BuildAgentAppOptions = {}): AgentAppBuild {
  return finish(buildSync(esbuildOptions(options)), options);
}

function finish(result: BuildResult<ReturnType<typeof esbuildOptions>>, options: BuildAgentAppOptions): AgentAppBuild {
  const files: AgentAppFile[] = result.outputFiles.map((f) => ({
    path: path.posix.relative('/', f.path.split(path.sep).join('/')),
    contents: f.contents,
  }));
  const outputs = result.metafile.outputs;
  const entryOf = (name: string) =>
    Object.keys(outputs).find(
      (o) => outputs[o]?.entryPoint !== undefined && path.posix.basename(o).startsWith(`${name}-`) && o.endsWith('.js'),
    );
  const entry = entryOf('main');
  if (!entry) throw new Error('agent app build: no entry script in the output');
  const initial = new Set<string>();
  const visit = (file: string) => {
    if (initial.has(file)) return;
    initial.add(file);
    for (const imp of outputs[file]?.imports ?? []) if (imp.kind === 'import-statement') visit(imp.path);
  };
  visit(entry);
  const toRel = (p: string) =>
    path.posix.relative(
      '/',
      p
        .split(path.sep)
        .join('/')
        .replace(/^.*?\/assets\//, '/assets/'),
    );
  const initialScripts = [...initial].map(toRel);
  const css = Object.keys(outputs)
    .filter((o) => o.endsWith('.css'))
    .map(toRel);
  files.push({ path: 'index.html', contents: Buffer.from(indexHtml(toRel(entry), css)) });
  const signedIn = entryOf('signed-in');
  if (signedIn) files.push({ path: 'signed-in.html', contents: Buffer.from(signedInHtml(toRel(signedIn))) });
  if (options.outdir) {
    for (const f of files) {
      const target = path.join(options.outdir, f.path);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, f.contents);
    }
  }
  return { files, initialScripts };
}

function signedInHtml(script: string): string {
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>サインイン — Agent app</title></head><body><div id="root"></div><script type="module" src="./${script}"></script></body></html>`;
}

function indexHtml(entry: string, css: string[]): string {
  const links = css.map((c) => `<link rel="stylesheet" href="./${c}">`).join('');
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>お客様情報 — Agent app</title>${links}</head><body><div id="root"></div><script type="module" src="./${entry}"></script></body></html>`;
}

/** A short digest of the build (for cache keys and logs). */
export function buildDigest(b: AgentAppBuild): string {
  const h = createHash('sha256');
  for (const f of [...b.files].sort((x, y) => x.path.localeCompare(y.path))) h.update(f.path).update(f.contents);
  return h.digest('hex').slice(0, 16);
}

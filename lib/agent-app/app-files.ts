import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { buildAgentAppSync, buildDigest } from '../../agent-app/build';

/** Built app directories by process: one esbuild run however many stacks a test synthesizes. */
let built: string | undefined;

/**
 * A directory holding the agent app's static files (index.html, signed-in.html, assets/*), for the
 * hosting bucket's asset. The app is built with esbuild at synth (agent-app/build.ts, synchronously:
 * constructs cannot await) into `<tmp>/contact-center-agent-app/<digest>/`, so the asset hash follows
 * the content and an unchanged app is not uploaded again.
 *
 * When the stack skips bundling (`cdk synth --exclusively` of another stack, or tests that set
 * `aws:cdk:bundling-stacks` to none, as Lambda bundles are skipped), a placeholder page stands in.
 */
export function agentAppDirectory(scope: Construct): string {
  if (!Stack.of(scope).bundlingRequired) return placeholder();
  if (built && fs.existsSync(built)) return built;
  const app = buildAgentAppSync();
  const dir = path.join(os.tmpdir(), 'contact-center-agent-app', buildDigest(app));
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    // Written next to the final directory, then renamed: a concurrent synth never sees half a build.
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    const staging = fs.mkdtempSync(`${dir}-`);
    for (const f of app.files) {
      const target = path.join(staging, f.path);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, f.contents);
    }
    try {
      fs.renameSync(staging, dir);
    } catch {
      // Another process won the race with the same content.
      fs.rmSync(staging, { recursive: true, force: true });
    }
  }
  built = dir;
  return dir;
}

function placeholder(): string {
  const dir = path.join(os.tmpdir(), 'contact-center-agent-app', 'placeholder');
  if (!fs.existsSync(path.join(dir, 'assets', 'placeholder.txt'))) {
    fs.mkdirSync(path.join(dir, 'assets'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'index.html'),
      '<!doctype html><title>agent app (not built: bundling skipped)</title>',
    );
    fs.writeFileSync(path.join(dir, 'assets', 'placeholder.txt'), 'bundling skipped\n');
  }
  return dir;
}

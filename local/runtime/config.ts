import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ConfigError, type ContactCenterConfig, parseConfig } from '../../lib/config';

/** Repository root (this file lives in local/runtime/). */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/**
 * The contact center configuration the local runtime uses: the same `context.contactCenter` of
 * cdk.json that `cdk synth` reads, so hours, queues, time zone, default country and voices match the
 * deployed stack. `CONTACT_CENTER_ENV` selects `contactCenter.environments.NAME` like `-c env=NAME`.
 */
export function loadLocalConfig(options: { cdkJsonPath?: string; env?: string } = {}): ContactCenterConfig {
  const file = options.cdkJsonPath ?? path.join(PROJECT_ROOT, 'cdk.json');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`${file}: cannot read the CDK configuration (${(err as Error).message})`, [file]);
  }
  const context = (raw as { context?: Record<string, unknown> }).context ?? {};
  const env = options.env ?? (process.env.CONTACT_CENTER_ENV || undefined);
  return parseConfig(context.contactCenter, env);
}

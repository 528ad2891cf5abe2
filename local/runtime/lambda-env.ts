import type { LambdaHandler } from '../interpreter/types';

/**
 * The real Lambda handlers read their configuration from environment variables at module load, as in
 * AWS: the local runtime points those variables at the local store, and only then loads the module.
 */

/**
 * Loads the real ivr-lookup handler (the environment must point at the local store first, see
 * `useLocalAwsEnvironment`). Its Powertools logs go to stdout as in Lambda, where a CLI prints its
 * output: `logLevel` (POWERTOOLS_LOG_LEVEL, unless already set) keeps them out of `--json` output.
 */
export function loadIvrLookupHandler(logLevel: 'SILENT' | 'ERROR' | 'WARN' | 'INFO' = 'WARN'): LambdaHandler {
  process.env.POWERTOOLS_LOG_LEVEL ??= logLevel;
  // One local process serves every simulated contact: read the announcement on each contact, so
  // `ops announce` shows on the very next call (in AWS each instance caches it for 15 s).
  process.env.ANNOUNCEMENT_CACHE_MS ??= '0';
  // Required lazily: the module reads its environment at load time, like a Lambda cold start.
  const mod = require('../../lambdas/ivr-lookup/handler') as { handler: LambdaHandler };
  return mod.handler;
}

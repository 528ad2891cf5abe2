/** Thrown at cold start when a required environment variable is missing or empty. */
export class MissingEnvironmentVariableError extends Error {
  constructor(readonly variableName: string) {
    super(`Missing required environment variable ${variableName}`);
    this.name = 'MissingEnvironmentVariableError';
  }
}

/**
 * Reads a required environment variable. Call it at module load so a misconfigured function fails at
 * cold start with the variable's name instead of on the first request.
 */
export function requireEnv(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  if (value === undefined || value.trim() === '') throw new MissingEnvironmentVariableError(name);
  return value;
}

/** DEFAULT_COUNTRY: the ISO country national phone numbers (03-…) are read in; JP when unset or empty. */
export function readDefaultCountry(env: NodeJS.ProcessEnv = process.env): string {
  return env.DEFAULT_COUNTRY?.trim() || 'JP';
}

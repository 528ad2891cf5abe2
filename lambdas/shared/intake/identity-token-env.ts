/**
 * The environment variable holding the ARN of the identity-token key secret (Secrets Manager): set by
 * lib/intake/omnichannel-intake.ts on the chat and inquiry intake functions, read by their handlers.
 */
export const IDENTITY_TOKEN_SECRET_ENV = 'IDENTITY_TOKEN_SECRET_ARN';

/**
 * Which Node.js versions this project runs on, and the AWS SDK's notice about them.
 *
 * The Lambdas run Node.js 24 (lib/constructs/project-function.ts). Node.js 20 reached end of life on
 * 2026-04-30; the SDK versions pinned in package.json still run on it, but SDK releases after the first
 * week of January 2027 require Node.js 22 or newer, which the SDK says in a nine-line warning from every
 * process that creates a client. The local tools state it once (`npm start`, `--version`) and turn the
 * SDK's own copy off with its documented switch, unless the user has set that switch themselves.
 */

/** The oldest Node.js major the AWS SDK supports after the first week of January 2027. */
export const SDK_MINIMUM_NODE_MAJOR = 22;
/** The Node.js major the deployed Lambdas run. */
export const LAMBDA_NODE_MAJOR = 24;

/** The SDK's documented switch for its Node.js support warning (aws/aws-sdk-js-v3#7983). */
export const SDK_NODE_WARNING_SWITCH = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';

export function nodeMajor(version: string = process.versions.node): number {
  return Number(version.split('.')[0]);
}

/** One line about this Node.js when it is older than what SDK updates need; undefined otherwise. */
export function nodeSupportNotice(version: string = process.versions.node): string | undefined {
  if (nodeMajor(version) >= SDK_MINIMUM_NODE_MAJOR) return undefined;
  return (
    `Node.js v${version} reached end of life; it runs this project with the pinned AWS SDK, but SDK releases ` +
    `after the first week of January 2027 need Node.js ${SDK_MINIMUM_NODE_MAJOR} or newer ` +
    `(the Lambdas run Node.js ${LAMBDA_NODE_MAJOR}).`
  );
}

/** Turns the SDK's repeated warning off for this process (call before the first SDK client). */
export function quietSdkNodeWarning(env: NodeJS.ProcessEnv = process.env): void {
  env[SDK_NODE_WARNING_SWITCH] ??= 'true';
}

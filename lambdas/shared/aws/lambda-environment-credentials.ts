/**
 * Stands in for `@aws-sdk/credential-provider-node` in Lambda bundles that carry their own SDK
 * (ProjectFunction `bundleAwsSdk`; esbuild aliases the package to this file).
 *
 * The SDK's default chain tries environment variables first, then SSO, shared ini files, credential
 * processes, web identity tokens, and the container and instance metadata endpoints. In Lambda the
 * execution role's credentials are always in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY /
 * AWS_SESSION_TOKEN, so only the first link ever answers. The rest of the chain (about 135 KB of
 * minified code, with the STS and SSO clients it carries) is still parsed when the bundle loads, so it
 * costs every cold start and never helps (bench/ivr-lookup.ts).
 *
 * Without those variables the client fails with the SDK's own "Unable to find environment variable
 * credentials." instead of searching further, which is right for Lambda and wrong anywhere else: code
 * that runs outside Lambda (tests, the local contact center) is never bundled this way.
 */
export { fromEnv as defaultProvider } from '@aws-sdk/credential-provider-env';

/**
 * The agent app's Content-Security-Policy, one definition for both hosts: CloudFront's response headers
 * policy (lib/agent-app) and the local console's `/agent` (local/console). Scripts and styles come only
 * from the app's own origin; the only page that may frame it is the Amazon Connect agent workspace
 * (`frameAncestors`; locally the console itself, `'self'`); the API is same-origin behind CloudFront, and
 * Cognito's token endpoint is the only other host it talks to.
 */
export interface AgentAppCspOptions {
  /** Origins allowed to frame the app, e.g. https://my-center.my.connect.aws. */
  frameAncestors: readonly string[];
  /** Extra origins for fetch (Cognito's managed login domain). @default none */
  connectSrc?: readonly string[];
}

export function agentAppContentSecurityPolicy(options: AgentAppCspOptions): string {
  const frameAncestors = options.frameAncestors.length > 0 ? options.frameAncestors.join(' ') : "'none'";
  return [
    "default-src 'none'",
    "script-src 'self'",
    // Cloudscape sets element styles from script (CSSOM), which CSP does not restrict; no inline <style>.
    "style-src 'self'",
    "font-src 'self' data:",
    "img-src 'self' data:",
    `connect-src 'self'${(options.connectSrc ?? []).map((o) => ` ${o}`).join('')}`,
    `frame-ancestors ${frameAncestors}`,
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
}

import type { IConstruct } from 'constructs';

/**
 * Makes each construct depend on the one before it, so CloudFormation creates Amazon Connect
 * resources one at a time. Many parallel Connect control-plane calls end in
 * TooManyRequestsException during deploy; a chain trades a little deploy time for reliability.
 * Returns the last construct (to continue the chain elsewhere).
 */
export function chainDependencies(constructs: readonly IConstruct[]): IConstruct | undefined {
  let previous: IConstruct | undefined;
  for (const c of constructs) {
    if (previous !== undefined) c.node.addDependency(previous);
    previous = c;
  }
  return previous;
}

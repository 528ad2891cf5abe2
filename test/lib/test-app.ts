import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, type AppProps } from 'aws-cdk-lib';

/** Context of cdk.json (feature flags included), so tests synthesize what `cdk synth` does. */
export function cdkJsonContext(): Record<string, unknown> {
  const file = path.resolve(__dirname, '..', '..', 'cdk.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { context: Record<string, unknown> }).context;
}

/** An App with cdk.json's context plus `context`. */
export function testApp(context: Record<string, unknown> = {}, props: AppProps = {}): App {
  return new App({ ...props, context: { ...cdkJsonContext(), ...context } });
}

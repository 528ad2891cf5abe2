#!/usr/bin/env node
/**
 * The CDK app: reads the `contactCenter` context (with `-c env=NAME` overrides), validates it and
 * instantiates the one stack, with the cdk-nag AwsSolutions checks as a validation plugin.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ConfigError, configFromContext } from '../lib/config';
import { ContactCenterStack, type ContactCenterStackProps } from '../lib/contact-center-stack';

/** Stack name for an environment: `ContactCenter`, or `ContactCenter-<env>` with `-c env=<env>`. */
export function stackNameFor(env: unknown): string {
  return typeof env === 'string' && env.length > 0 ? `ContactCenter-${env}` : 'ContactCenter';
}

/**
 * Adds the stack (config from `app`'s context) and the cdk-nag AwsSolutions plugin to `app`.
 * @throws ConfigError when the configuration is invalid.
 */
export function buildApp(app: App = new App(), overrides: Partial<Omit<ContactCenterStackProps, 'config'>> = {}): App {
  const config = configFromContext((key) => app.node.tryGetContext(key));
  new ContactCenterStack(app, stackNameFor(app.node.tryGetContext('env')), {
    ...overrides,
    config,
    // Region from config; account from the CLI's credentials when present (synth needs none).
    env: { region: config.region, account: process.env.CDK_DEFAULT_ACCOUNT },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return app;
}

if (require.main === module) {
  try {
    buildApp().synth();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(
        `${err.message}\n\nFix the "contactCenter" context in cdk.json (or the -c overrides); see docs/configuration.md.\n`,
      );
      process.exit(1);
    }
    throw err;
  }
}

#!/usr/bin/env node
// The operator CLI (`npx contact-center …`). Runs the TypeScript sources through tsx so the CLI,
// the tests and the Lambdas share one codebase with no separate build step.
require('tsx/cjs');
require('../local/cli/main.ts')
  .main(process.argv)
  .catch((err) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  });

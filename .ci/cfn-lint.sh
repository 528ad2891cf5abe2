#!/usr/bin/env bash
# cfn-lint (from the machine image) on every synthesized template: any error or warning fails.
# Run after `npx cdk synth --quiet`.
#
# Ignored, with reason:
# - W3005 "dependency already enforced by a GetAtt": Amazon Connect resources are chained with
#   explicit DependsOn on purpose (parallel control-plane calls throttle, see lib/constructs/connect-chain.ts);
#   where a chain link also happens to be a GetAtt the DependsOn is redundant, not wrong. CDK's own
#   AwsCustomResource adds the same redundancy for its role.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cfn-lint >/dev/null 2>&1; then
  echo "cfn-lint is not on PATH (pip install cfn-lint)" >&2
  exit 1
fi
shopt -s nullglob
templates=(cdk.out/*.template.json)
if [ ${#templates[@]} -eq 0 ]; then
  echo "no templates in cdk.out/: run 'npx cdk synth --quiet' first" >&2
  exit 1
fi
cfn-lint --ignore-checks W3005 -- "${templates[@]}"
echo "cfn-lint: ${#templates[@]} template(s) clean"

#!/usr/bin/env bash
# cfn-lint (from the machine image) on every synthesized template: any error or warning fails.
# Run after `npx cdk synth --quiet`.
#
# Resource types newer than the image's cfn-lint (AWS::Connect::TestCase, E3006 in cfn-lint 1.51, which
# cannot be upgraded here) get their schema from @aws-cdk/aws-service-spec: .ci/cfn-registry-schemas.ts
# writes registry schemas for exactly the template types cfn-lint lacks into a git-ignored folder, and
# cfn-lint validates those resources against them (`--registry-schemas`). A type known to neither still
# fails.
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

schemas=.contact-center/cfn-registry-schemas
mkdir -p .contact-center
known=.contact-center/cfn-lint-known-types.json
# Lint for the regions the stacks deploy to (cdk.out/manifest.json), as CloudFormation will see them.
mapfile -t regions < <(node -e '
  const m = require("./cdk.out/manifest.json");
  const env = (a) => /^aws:\/\/[^/]+\/([a-z0-9-]+)$/.exec(a.environment ?? "")?.[1];
  const rs = new Set(Object.values(m.artifacts ?? {}).map(env).filter(Boolean));
  console.log([...(rs.size ? rs : ["us-east-1"])].join("\n"));')
# The resource types this cfn-lint has schemas for in each of those regions (a type missing in one of
# them, such as AWS::Connect::ContactFlowVersion in ap-northeast-1, is missing), asked of cfn-lint's own
# Python package.
cfn_python=$(head -n1 "$(command -v cfn-lint)" | sed -n 's/^#!\s*//p')
case "$cfn_python" in */python*) ;; *) cfn_python=python3 ;; esac
"$cfn_python" - "$known" "${regions[@]}" <<'PY'
import json, sys
from cfnlint.schema.manager import PROVIDER_SCHEMA_MANAGER
known = set.intersection(*(set(PROVIDER_SCHEMA_MANAGER.get_resource_types(r)) for r in sys.argv[2:]))
json.dump(sorted(known), open(sys.argv[1], "w"))
PY
npx tsx .ci/cfn-registry-schemas.ts --known "$known" --out "$schemas" "${templates[@]}"

cfn-lint --regions "${regions[@]}" --registry-schemas "$schemas" --ignore-checks W3005 -- "${templates[@]}"
echo "cfn-lint: ${#templates[@]} template(s) clean (${regions[*]})"

import { createHash } from 'node:crypto';
import { RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import { Construct, type IDependable } from 'constructs';
import { DEFAULT_FLOWS_DIR, FLOW_CATALOG, type FlowCatalogEntry, readCatalogFlow } from './catalog';
import { type Diagnostic, formatDiagnostic, lintFlow } from './lint';
import type { FlowType } from './model';
import { substitutePlaceholders } from './placeholders';

export interface PreparedFlow {
  /** Content with placeholders substituted (may hold CDK tokens, resolved by CloudFormation). */
  readonly content: string;
  /** Lint findings on the substituted content (tokens stand in as static text). */
  readonly diagnostics: Diagnostic[];
}

/**
 * Substitutes placeholders in a flow file and lints the result as it will be deployed. Values may
 * be CDK tokens (ARNs of resources in the same stack): they are linted as static text, which is what
 * they resolve to.
 */
export function prepareFlow(
  raw: string,
  values: Readonly<Record<string, string>>,
  options: { file: string; flowType: FlowType },
): PreparedFlow {
  const standIns = Object.fromEntries(
    Object.entries(values).map(([name, value]) => [
      name,
      Token.isUnresolved(value) ? `resolved-at-deploy:${name}` : value,
    ]),
  );
  const { content } = substitutePlaceholders(raw, values);
  const lintContent = substitutePlaceholders(raw, standIns).content;
  return { content, diagnostics: lintFlow(lintContent, { ...options, placeholders: 'forbid' }) };
}

/**
 * CDK's built-in CloudFormation validation (F3006) ships region schemas older than the Connect types of
 * aws-cdk-lib 2.276 (AWS::Connect::ContactFlowVersion, AWS::Connect::TestCase): the type exists (it is in
 * @aws-cdk/aws-service-spec, which generated the L1), and .ci/cfn-lint.sh validates its properties
 * against that schema. Acknowledged per resource, never globally.
 */
export function acknowledgeNewConnectType(resource: Construct & { readonly cfnResourceType: string }): void {
  Validations.of(resource).acknowledge({
    id: 'CloudFormation-Validate::F3006',
    reason: `${resource.cfnResourceType} is newer than the CDK validator's bundled region schemas; cfn-lint checks it against the @aws-cdk/aws-service-spec schema (.ci/cfn-lint.sh).`,
  });
}

export interface ContactFlowsProps {
  /** ARN of the Amazon Connect instance. */
  readonly instanceArn: string;
  /**
   * Values of the deploy-time placeholders (see FLOW_PLACEHOLDERS and docs/flows.md), CDK tokens
   * allowed: `IvrLookupFunctionArn`, `Queue:General`, `Queue:Priority`,
   * `HoursOfOperation:BusinessHours`, `Voice:ja-JP`, `Voice:en-US`. `Flow:<key>` entries are filled
   * by this construct with the ARNs of the flows it created before.
   */
  readonly placeholders: Readonly<Record<string, string>>;
  /**
   * Directory holding the flow files of FLOW_CATALOG.
   * @default contact-flows/ at the repository root
   */
  readonly flowsDir?: string;
}

/**
 * The contact flows of FLOW_CATALOG as published `AWS::Connect::ContactFlow` resources: the customer
 * queue flow first, then the inbound voice flow that names it through `${Flow:CustomerQueue}`.
 * Every flow is substituted and linted at synth; any lint error (including a placeholder with no
 * value) fails synth with an Error listing every error diagnostic.
 */
export class ContactFlows extends Construct {
  /** Every created flow, by catalog key (`CustomerQueue`, `InboundVoice`). */
  public readonly flows: Readonly<Record<string, connect.CfnContactFlow>>;
  /**
   * The version each deploy publishes of every flow, by catalog key: a new `AWS::Connect::ContactFlowVersion`
   * whenever the flow's content changes (its description carries the content digest, a create-only
   * property), retained when replaced so earlier versions stay for `contact-center flows rollback`.
   */
  public readonly versions: Readonly<Record<string, connect.CfnContactFlowVersion>>;
  /** ARN of the inbound flow's published version (`…/contact-flow/<id>:<version>`), which the number uses. */
  public readonly inboundFlowVersionArn: string;
  public readonly customerQueueFlow: connect.CfnContactFlow;
  public readonly inboundFlow: connect.CfnContactFlow;
  public readonly customerQueueFlowArn: string;
  public readonly inboundFlowArn: string;
  /** Lint warnings of the deployed flows (errors throw). */
  public readonly warnings: readonly Diagnostic[];

  constructor(scope: Construct, id: string, props: ContactFlowsProps) {
    super(scope, id);
    const flowsDir = props.flowsDir ?? DEFAULT_FLOWS_DIR;
    const supplied = Object.keys(props.placeholders).filter((k) => k.startsWith('Flow:'));
    if (supplied.length > 0) {
      throw new Error(`ContactFlows ${id}: ${supplied.join(', ')} are filled by the construct itself; remove them`);
    }
    const values: Record<string, string> = { ...props.placeholders };
    const flows: Record<string, connect.CfnContactFlow> = {};
    const versions: Record<string, connect.CfnContactFlowVersion> = {};
    const errors: Diagnostic[] = [];
    const warnings: Diagnostic[] = [];
    for (const entry of FLOW_CATALOG) {
      const flow = this.createFlow(entry, flowsDir, props.instanceArn, values, errors, warnings);
      flows[entry.key] = flow;
      versions[entry.key] = this.publishVersion(entry, flow);
      values[`Flow:${entry.key}`] = flow.attrContactFlowArn;
    }
    if (errors.length > 0) {
      throw new Error(
        `ContactFlows ${id}: ${errors.length} flow lint error(s):\n${errors.map((d) => `  ${formatDiagnostic(d)}`).join('\n')}`,
      );
    }
    this.flows = flows;
    this.versions = versions;
    this.inboundFlowVersionArn = versions.InboundVoice!.attrContactFlowVersionArn;
    this.customerQueueFlow = flows.CustomerQueue!;
    this.inboundFlow = flows.InboundVoice!;
    this.customerQueueFlowArn = this.customerQueueFlow.attrContactFlowArn;
    this.inboundFlowArn = this.inboundFlow.attrContactFlowArn;
    this.warnings = warnings;
  }

  /**
   * Makes every flow wait for resources the flows name without referencing them in CloudFormation
   * (Lambda permissions, integration associations, …): Connect validates referenced ARNs when a
   * published flow is created.
   */
  public addDependency(...dependencies: IDependable[]): void {
    for (const flow of Object.values(this.flows)) flow.node.addDependency(...dependencies);
  }

  /**
   * Publishes the flow's content as an immutable version. The digest is taken over the content with
   * tokens resolved to their CloudFormation expressions, so a changed Lambda or queue reference is a
   * change too, while an unchanged flow keeps its version (no new version per deploy of other parts).
   */
  private publishVersion(entry: FlowCatalogEntry, flow: connect.CfnContactFlow): connect.CfnContactFlowVersion {
    const resolved = JSON.stringify(Stack.of(this).resolve(flow.content));
    const digest = createHash('sha256').update(resolved).digest('hex').slice(0, 16);
    const version = new connect.CfnContactFlowVersion(this, `${entry.key}Version`, {
      contactFlowId: flow.attrContactFlowArn,
      description: `${entry.name} content sha256:${digest}`,
    });
    // Replaced (not updated) on every content change: keep the previous version as the rollback target.
    version.applyRemovalPolicy(RemovalPolicy.RETAIN);
    acknowledgeNewConnectType(version);
    return version;
  }

  private createFlow(
    entry: FlowCatalogEntry,
    flowsDir: string,
    instanceArn: string,
    values: Readonly<Record<string, string>>,
    errors: Diagnostic[],
    warnings: Diagnostic[],
  ): connect.CfnContactFlow {
    let raw: string;
    try {
      raw = readCatalogFlow(entry, flowsDir);
    } catch (e) {
      throw new Error(`ContactFlows: cannot read ${entry.file} in ${flowsDir}: ${(e as Error).message}`);
    }
    const prepared = prepareFlow(raw, values, { file: entry.file, flowType: entry.type });
    for (const d of prepared.diagnostics) (d.severity === 'error' ? errors : warnings).push(d);
    return new connect.CfnContactFlow(this, entry.key, {
      instanceArn,
      name: entry.name,
      description: entry.description,
      type: entry.type,
      state: 'ACTIVE',
      content: prepared.content,
    });
  }
}

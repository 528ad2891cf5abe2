import * as fs from 'node:fs';
import * as path from 'node:path';
import * as connect from 'aws-cdk-lib/aws-connect';
import { Construct } from 'constructs';
import { REPO_ROOT } from './project-function';

export interface InboundVoiceFlowProps {
  /** ARN of the Connect instance. */
  readonly instanceArn: string;
  /**
   * Flow-language file relative to the repository root, deployed as-is (no placeholders).
   * @default 'contact-flows/inbound-voice.json'
   */
  readonly file?: string;
  /**
   * Flow name in Connect.
   * @default 'Inbound voice'
   */
  readonly name?: string;
}

/**
 * Interim inbound voice flow (`AWS::Connect::ContactFlow`, type CONTACT_FLOW, published) read
 * verbatim from contact-flows/. The flow library in lib/flows/ (placeholders, lint at synth) replaces
 * this construct; the stack uses it in exactly one place.
 */
export class InboundVoiceFlow extends Construct {
  public readonly flow: connect.CfnContactFlow;

  constructor(scope: Construct, id: string, props: InboundVoiceFlowProps) {
    super(scope, id);
    const file = path.resolve(REPO_ROOT, props.file ?? 'contact-flows/inbound-voice.json');
    const content = fs.readFileSync(file, 'utf8');
    let parsed: unknown;
    try {
      parsed = JSON.parse(content);
    } catch (e) {
      throw new Error(`InboundVoiceFlow ${id}: ${file} is not valid JSON (${(e as Error).message})`);
    }
    if (content.includes('${')) {
      throw new Error(`InboundVoiceFlow ${id}: ${file} has \${…} placeholders; deploy it through the flow library`);
    }
    if (typeof parsed !== 'object' || parsed === null || !('Actions' in parsed) || !('StartAction' in parsed)) {
      throw new Error(`InboundVoiceFlow ${id}: ${file} is not a flow (expected StartAction and Actions)`);
    }
    this.flow = new connect.CfnContactFlow(this, 'Flow', {
      instanceArn: props.instanceArn,
      name: props.name ?? 'Inbound voice',
      description: 'Inbound voice flow (interim, from contact-flows/inbound-voice.json)',
      type: 'CONTACT_FLOW',
      state: 'ACTIVE',
      content: JSON.stringify(parsed),
    });
  }

  public get flowArn(): string {
    return this.flow.attrContactFlowArn;
  }
}

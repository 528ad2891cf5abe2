import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FlowType } from './model';

/**
 * The flows this project ships in contact-flows/, in creation order: a flow comes after every flow
 * it names through a `${Flow:…}` placeholder.
 */
export interface FlowCatalogEntry {
  /** Construct id and `${Flow:<key>}` placeholder name. */
  readonly key: string;
  /** File name inside the flows directory. */
  readonly file: string;
  readonly type: FlowType;
  /** Flow name in Connect (unique per instance). */
  readonly name: string;
  readonly description: string;
}

export const FLOW_CATALOG: readonly FlowCatalogEntry[] = [
  {
    key: 'CustomerQueue',
    file: 'customer-queue.json',
    type: 'CUSTOMER_QUEUE',
    name: 'Customer queue',
    description: 'Position in queue at intervals and a callback (press 1) instead of waiting; ja-JP / en-US',
  },
  {
    key: 'InboundVoice',
    file: 'inbound-voice.json',
    type: 'CONTACT_FLOW',
    name: 'Inbound voice',
    description: 'Caller lookup, greeting by name, hours, self-service inquiry status, tier routing; ja-JP / en-US',
  },
];

/** Deploy-time placeholders the shipped flows use (besides `${Flow:…}`, which ContactFlows fills itself). */
export const FLOW_PLACEHOLDERS: Readonly<Record<string, string>> = {
  IvrLookupFunctionArn: 'ARN of the ivr-lookup Lambda function',
  'Queue:General': 'ARN of the General queue',
  'Queue:Priority': 'ARN of the Priority queue (gold and platinum customers)',
  'HoursOfOperation:BusinessHours': 'ARN of the BusinessHours hours of operation',
  'HoursOfOperation:OperatingCalendar':
    'ARN of the OperatingCalendar hours (open around the clock, closed on holidays and closures: lib/operating-calendar.ts)',
  'Voice:ja-JP': 'Amazon Polly voice for Japanese (neural), e.g. Kazuha',
  'Voice:en-US': 'Amazon Polly voice for US English (neural), e.g. Joanna',
  'Flow:CustomerQueue': 'ARN of the customer queue flow (filled by the ContactFlows construct)',
};

/** contact-flows/ at the repository root. */
export const DEFAULT_FLOWS_DIR = path.resolve(__dirname, '..', '..', 'contact-flows');

export function catalogEntryForFile(file: string): FlowCatalogEntry | undefined {
  return FLOW_CATALOG.find((e) => e.file === path.basename(file));
}

/** The inbound chat flow: deployed by lib/intake (OmnichannelIntake) for chats, and the tasks of web forms and emails. */
export const CHAT_FLOW_FILE = 'inbound-chat.json';

/**
 * Flows in contact-flows/ that another construct deploys (not ContactFlows), with their types, so
 * `flows lint` checks them for their flow type too.
 */
export const OTHER_SHIPPED_FLOWS: Readonly<Record<string, FlowType>> = {
  [CHAT_FLOW_FILE]: 'CONTACT_FLOW',
};

/** The flow type of a shipped flow file, wherever it is deployed from. */
export function flowTypeForFile(file: string): FlowType | undefined {
  return catalogEntryForFile(file)?.type ?? OTHER_SHIPPED_FLOWS[path.basename(file)];
}

/** Reads a catalog flow's file as text. */
export function readCatalogFlow(entry: FlowCatalogEntry, flowsDir: string = DEFAULT_FLOWS_DIR): string {
  return fs.readFileSync(path.join(flowsDir, entry.file), 'utf8');
}

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type {
  ContactChannel,
  StartChatRequest,
  StartChatResult,
  StartTaskRequest,
} from '../../lambdas/shared/intake/contact-channel';
import type { VocMessage } from '../../lambdas/shared/voc/message';
import type { VocSink } from '../../lambdas/shared/voc/voc-sink';
import { CHAT_FLOW_FILE, DEFAULT_FLOWS_DIR } from '../../lib/flows/catalog';
import { runContact } from '../interpreter';
import type { LambdaHandler } from '../interpreter/types';
import { appendJsonLine, readJsonLines } from '../json-lines';
import {
  buildContactEnvironment,
  type LocalContactCenter,
  lambdaMap,
  substituteLocalPlaceholders,
} from '../runtime/environment';

/**
 * Local stand-ins of the intake ports:
 * - {@link LocalContactChannel}: chats run `contact-flows/inbound-chat.json` through the flow
 *   interpreter (greeting, hours, tier routing as Connect would), tasks are only recorded (no agent
 *   workspace locally). Every contact is appended to `<home>/intake/contacts.jsonl`; a chat or task
 *   started again with the same ClientToken returns the recorded contact, as Connect does.
 * - {@link JsonLinesVocSink}: VOC messages appended to `<home>/intake/voc-messages.jsonl`, the input
 *   format of `contact-center voc ingest FILE`.
 */

export const CHAT_FLOW_KEY = 'InboundChat';

export function contactsJournalPath(home: string): string {
  return path.join(home, 'intake', 'contacts.jsonl');
}

export function vocMessagesPath(home: string): string {
  return path.join(home, 'intake', 'voc-messages.jsonl');
}

export interface LocalContactRecord {
  type: 'CHAT' | 'TASK';
  contactId: string;
  at: string;
  clientToken: string;
  attributes: Record<string, string>;
  name?: string;
  description?: string;
  references?: StartTaskRequest['references'];
  messages?: string[];
  outcome?: { type: string; queue?: string };
}

export interface LocalContactChannelOptions {
  contactCenter: LocalContactCenter;
  home: string;
  /** The instant of the contact (hours are checked at it). @default now */
  now?: () => Date;
  /** Agents available in every queue. @default 1 */
  agentsAvailable?: number;
  flowsDir?: string;
  newContactId?: () => string;
  /**
   * The ivr-lookup handler the chat flow invokes for the emergency announcement.
   * @default - none: the flow's Lambda step takes its error branch and the chat goes on as usual
   */
  ivrLookup?: LambdaHandler;
}

export class LocalContactChannel implements ContactChannel {
  private readonly journal: string;
  constructor(private readonly options: LocalContactChannelOptions) {
    this.journal = contactsJournalPath(options.home);
  }

  async startChat(request: StartChatRequest): Promise<StartChatResult> {
    // As Connect: a repeated ClientToken answers the chat started before (the flow does not run again).
    const earlier = readJsonLines<LocalContactRecord>(this.journal).find(
      (r) => r.type === 'CHAT' && r.clientToken === request.clientToken,
    );
    if (earlier) {
      return {
        contactId: earlier.contactId,
        participantId: `local-participant-${earlier.contactId}`,
        participantToken: `local-token-${earlier.contactId}`,
        simulation: { messages: earlier.messages ?? [], outcome: earlier.outcome ?? { type: 'error' } },
      };
    }
    const cc = this.options.contactCenter;
    const file = path.join(this.options.flowsDir ?? DEFAULT_FLOWS_DIR, CHAT_FLOW_FILE);
    const content = JSON.parse(
      substituteLocalPlaceholders(readFileSync(file, 'utf8'), cc.placeholders, CHAT_FLOW_FILE),
    );
    const chatFlowArn = `${cc.instanceArn}/contact-flow/${CHAT_FLOW_KEY}`;
    const now = (this.options.now ?? (() => new Date()))();
    const env = buildContactEnvironment(cc, {
      now,
      agentsAvailable: this.options.agentsAvailable ?? 1,
      lambdas: this.options.ivrLookup ? lambdaMap(cc, this.options.ivrLookup) : {},
    });
    env.flows = { ...env.flows, [chatFlowArn]: { name: 'Inbound chat', type: 'CONTACT_FLOW', content } };
    const contactId = (this.options.newContactId ?? randomUUID)();
    const result = await runContact(env, chatFlowArn, {
      channel: 'CHAT',
      contactId,
      attributes: request.attributes,
      // A chat flow that asked for input would wait for the visitor; the CLI sends no further message.
      input: async () => undefined,
    });
    const outcome = { type: result.outcome.type, ...(result.outcome.queue ? { queue: result.outcome.queue } : {}) };
    appendJsonLine(this.journal, {
      type: 'CHAT',
      contactId,
      at: now.toISOString(),
      clientToken: request.clientToken,
      attributes: request.attributes,
      messages: result.prompts,
      outcome,
    } satisfies LocalContactRecord);
    return {
      contactId,
      participantId: `local-participant-${contactId}`,
      participantToken: `local-token-${contactId}`,
      simulation: { messages: result.prompts, outcome },
    };
  }

  async startTask(request: StartTaskRequest): Promise<{ contactId: string }> {
    const earlier = readJsonLines<LocalContactRecord>(this.journal).find(
      (r) => r.type === 'TASK' && r.clientToken === request.clientToken,
    );
    if (earlier) return { contactId: earlier.contactId };
    const contactId = (this.options.newContactId ?? randomUUID)();
    appendJsonLine(this.journal, {
      type: 'TASK',
      contactId,
      at: (this.options.now ?? (() => new Date()))().toISOString(),
      clientToken: request.clientToken,
      attributes: request.attributes,
      name: request.name,
      description: request.description,
      references: request.references,
    } satisfies LocalContactRecord);
    return { contactId };
  }

  /** Every contact recorded so far (oldest first). */
  contacts(): LocalContactRecord[] {
    return readJsonLines<LocalContactRecord>(this.journal);
  }
}

export class JsonLinesVocSink implements VocSink {
  constructor(readonly file: string) {}
  async send(messages: readonly VocMessage[]): Promise<void> {
    for (const m of messages) appendJsonLine(this.file, m);
  }
}

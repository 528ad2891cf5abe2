import type { Language } from '../customer-data/model';

/**
 * Port to the contact channel (Amazon Connect): starting chats and tasks. The Connect adapter is
 * `connect-contact-channel.ts`; the local adapter (local/intake) records contacts in the local state and
 * runs the chat flow through the flow interpreter.
 */

/** Contact attributes as the voice screen pop sets them (all strings; absent values are omitted). */
export type ContactAttributes = Record<string, string>;

/** A reference shown to the agent on a task (StartTaskContact `References`). */
export interface TaskReference {
  type: 'URL' | 'STRING' | 'NUMBER' | 'EMAIL' | 'DATE';
  value: string;
}

export interface StartChatRequest {
  displayName: string;
  language: Language;
  attributes: ContactAttributes;
  /** The visitor's first message, if any. */
  initialMessage?: string;
  /** Idempotency token (Connect keeps it for 7 days). */
  clientToken: string;
}

export interface ChatSimulation {
  /** What the customer saw from the flow, in order. */
  messages: string[];
  outcome: { type: string; queue?: string };
}

export interface StartChatResult {
  contactId: string;
  participantId: string;
  participantToken: string;
  /** Only from channels that run the flow themselves (the local adapter). */
  simulation?: ChatSimulation;
}

export interface StartTaskRequest {
  /** Shown to the agent as the task name (Connect: at most 512 characters). */
  name: string;
  /** Shown to the agent (Connect: at most 4096 characters). */
  description: string;
  attributes: ContactAttributes;
  references: Record<string, TaskReference>;
  clientToken: string;
}

export interface ContactChannel {
  startChat(request: StartChatRequest): Promise<StartChatResult>;
  startTask(request: StartTaskRequest): Promise<{ contactId: string }>;
}

/** Longest task name and description Connect accepts. */
export const TASK_NAME_MAX = 512;
export const TASK_DESCRIPTION_MAX = 4096;
/** Longest ClientToken Connect accepts. */
export const CLIENT_TOKEN_MAX = 500;

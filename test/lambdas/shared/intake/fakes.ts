import type {
  ContactChannel,
  StartChatRequest,
  StartChatResult,
  StartTaskRequest,
} from '../../../../lambdas/shared/intake/contact-channel';
import type { AcknowledgementSender } from '../../../../lambdas/shared/intake/email-intake';
import type { VocMessage } from '../../../../lambdas/shared/voc/message';
import type { VocSink } from '../../../../lambdas/shared/voc/voc-sink';

/** A contact channel that records requests; a task started twice with one ClientToken is one contact (as Connect). */
export class RecordingChannel implements ContactChannel {
  chats: StartChatRequest[] = [];
  tasks: StartTaskRequest[] = [];
  failTasks = 0;
  private byToken = new Map<string, string>();

  private chatByToken = new Map<string, StartChatResult>();

  /** As Connect: a repeated ClientToken answers the chat started before (every call is recorded). */
  async startChat(request: StartChatRequest): Promise<StartChatResult> {
    this.chats.push(request);
    const existing = this.chatByToken.get(request.clientToken);
    if (existing) return existing;
    const n = this.chatByToken.size + 1;
    const chat = { contactId: `chat-${n}`, participantId: `participant-${n}`, participantToken: `token-${n}` };
    this.chatByToken.set(request.clientToken, chat);
    return chat;
  }

  async startTask(request: StartTaskRequest): Promise<{ contactId: string }> {
    if (this.failTasks > 0) {
      this.failTasks--;
      throw new Error('ThrottlingException: Rate exceeded');
    }
    this.tasks.push(request);
    const existing = this.byToken.get(request.clientToken);
    if (existing) return { contactId: existing };
    const contactId = `task-${this.byToken.size + 1}`;
    this.byToken.set(request.clientToken, contactId);
    return { contactId };
  }
}

export class RecordingVocSink implements VocSink {
  messages: VocMessage[] = [];
  async send(messages: readonly VocMessage[]): Promise<void> {
    this.messages.push(...messages);
  }
}

export class RecordingAcknowledgements implements AcknowledgementSender {
  sent: Array<{ to: string; subject: string; text: string; inReplyTo?: string }> = [];
  async send(message: { to: string; subject: string; text: string; inReplyTo?: string }) {
    this.sent.push(message);
    return { messageId: `ack-${this.sent.length}` };
  }
}

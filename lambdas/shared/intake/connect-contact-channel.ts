import { type ConnectClient, StartChatContactCommand, StartTaskContactCommand } from '@aws-sdk/client-connect';
import { truncateChars } from '../truncate-chars';
import {
  type ContactChannel,
  type StartChatRequest,
  type StartChatResult,
  type StartTaskRequest,
  TASK_DESCRIPTION_MAX,
  TASK_NAME_MAX,
} from './contact-channel';

export interface ConnectContactChannelOptions {
  instanceId: string;
  /** Inbound chat flow (contact-flows/inbound-chat.json); required to start chats. */
  chatFlowId?: string;
  /** Flow that routes tasks (the inbound chat flow routes TASK contacts too); required to start tasks. */
  taskFlowId?: string;
  /** @default 1440 (24 h, Connect's default chat duration) */
  chatDurationMinutes?: number;
}

/** Thrown when Connect answered without the identifiers the caller needs. */
export class ConnectContactError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConnectContactError';
  }
}

/** {@link ContactChannel} on Amazon Connect: StartChatContact and StartTaskContact. */
export class ConnectContactChannel implements ContactChannel {
  constructor(
    private readonly connect: ConnectClient,
    private readonly options: ConnectContactChannelOptions,
  ) {}

  async startChat(request: StartChatRequest): Promise<StartChatResult> {
    if (!this.options.chatFlowId) throw new ConnectContactError('no chat flow configured (chatFlowId)');
    const out = await this.connect.send(
      new StartChatContactCommand({
        InstanceId: this.options.instanceId,
        ContactFlowId: this.options.chatFlowId,
        Attributes: request.attributes,
        ParticipantDetails: { DisplayName: request.displayName },
        ...(request.initialMessage
          ? { InitialMessage: { ContentType: 'text/plain', Content: request.initialMessage } }
          : {}),
        ClientToken: request.clientToken,
        ChatDurationInMinutes: this.options.chatDurationMinutes ?? 1440,
        SupportedMessagingContentTypes: ['text/plain', 'text/markdown'],
      }),
    );
    if (!out.ContactId || !out.ParticipantId || !out.ParticipantToken) {
      throw new ConnectContactError('StartChatContact returned no ContactId, ParticipantId or ParticipantToken');
    }
    return { contactId: out.ContactId, participantId: out.ParticipantId, participantToken: out.ParticipantToken };
  }

  async startTask(request: StartTaskRequest): Promise<{ contactId: string }> {
    if (!this.options.taskFlowId) throw new ConnectContactError('no task flow configured (taskFlowId)');
    const out = await this.connect.send(
      new StartTaskContactCommand({
        InstanceId: this.options.instanceId,
        ContactFlowId: this.options.taskFlowId,
        Name: truncateChars(request.name, TASK_NAME_MAX).text,
        Description: truncateChars(request.description, TASK_DESCRIPTION_MAX).text,
        Attributes: request.attributes,
        References: Object.fromEntries(
          Object.entries(request.references).map(([k, r]) => [k, { Type: r.type, Value: r.value }]),
        ),
        ClientToken: request.clientToken,
      }),
    );
    if (!out.ContactId) throw new ConnectContactError('StartTaskContact returned no ContactId');
    return { contactId: out.ContactId };
  }
}

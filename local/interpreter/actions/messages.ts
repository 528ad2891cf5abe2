import { asText } from '../references';
import { type ActionFamily, type Frame, fail, type RunContext, record, type Step } from '../run-context';
import type { FlowAction } from '../types';

const DEFAULT_MAX_QUEUE_CYCLES = 3;

/** Prompts: one message, or the customer-queue/hold loop of messages. */
export const messageActions: ActionFamily = {
  MessageParticipant: (action, frame, run) => {
    const prompt = run.promptText(action.Parameters ?? {}, frame);
    if ('error' in prompt) return fail(prompt.error);
    run.play(action.Identifier, prompt.text, frame);
    return { kind: 'next' };
  },
  MessageParticipantIteratively: messageIteratively,
};

function messageIteratively(action: FlowAction, frame: Frame, run: RunContext): Step {
  const s = run.s;
  const messages = Array.isArray(action.Parameters?.Messages) ? (action.Parameters.Messages as unknown[]) : [];
  for (const message of messages) {
    const prompt = run.promptText(record(message), frame);
    if ('error' in prompt) return fail(prompt.error);
    run.play(action.Identifier, prompt.text, frame);
  }
  const key = `${frame.key}\u0000${action.Identifier}`;
  const cycles = (s.queueCycles.get(key) ?? 0) + 1;
  s.queueCycles.set(key, cycles);
  const interrupt = (action.Transitions?.Conditions ?? []).find(
    (c) => c.Condition.Operator === 'Equals' && asText(c.Condition.Operands[0]) === 'MessagesInterrupted',
  );
  const maxCycles = s.options.maxQueueCycles ?? DEFAULT_MAX_QUEUE_CYCLES;
  if (interrupt && cycles <= maxCycles) {
    return { kind: 'goto', to: interrupt.NextAction, value: 'MessagesInterrupted' };
  }
  const queue = run.queueEntry(s.targetQueue)?.[1].name;
  return {
    kind: 'end',
    ending: {
      kind: 'queued',
      queue,
      reason: `still waiting: ${run.label(frame, action)} kept looping its messages (${cycles} cycle${cycles > 1 ? 's' : ''} simulated)`,
    },
  };
}

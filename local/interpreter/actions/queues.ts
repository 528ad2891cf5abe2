import { type ActionFamily, type Frame, fail, type RunContext, type Step, unsupported } from '../run-context';
import type { FlowAction, SimulatedQueue } from '../types';

/**
 * Puts the contact in a queue: QueueAtCapacity when full; an available agent answers after the
 * customer and agent whispers; otherwise the contact waits, running the customer queue flow.
 */
export async function enqueue(
  run: RunContext,
  actionId: string,
  [key, queue]: [string, SimulatedQueue],
  runQueueFlow: boolean,
): Promise<Step> {
  const s = run.s;
  if (queue.maxContacts !== undefined && queue.contactsInQueue >= queue.maxContacts) {
    run.emit({ type: 'queue', actionId, event: 'capacity', queue: queue.name });
    return {
      kind: 'error',
      errorType: 'QueueAtCapacity',
      detail: `${queue.name} holds ${queue.contactsInQueue} of ${queue.maxContacts} contacts`,
    };
  }
  s.targetQueue = key;
  if (queue.agentsAvailable > 0) {
    run.emit({ type: 'queue', actionId, event: 'answered', queue: queue.name });
    // The agent whisper plays first, then the customer whisper ("Contact initiation methods", INBOUND).
    await run.runHook('AgentWhisper', actionId, 'agent');
    await run.runHook('CustomerWhisper', actionId, 'customer');
    return { kind: 'end', ending: { kind: 'queued', queue: queue.name, reason: 'answered by an available agent' } };
  }
  run.emit({ type: 'queue', actionId, event: 'waiting', queue: queue.name });
  s.waitingIn = key;
  const ending = runQueueFlow ? await run.runHook('CustomerQueue', actionId, 'customer') : undefined;
  if (ending?.kind === 'disconnected' || ending?.kind === 'transferred') return { kind: 'end', ending };
  return {
    kind: 'end',
    ending: {
      kind: 'queued',
      queue: run.queueEntry(s.targetQueue)?.[1].name ?? queue.name,
      reason:
        ending === undefined
          ? 'waiting in queue, no agent available'
          : ending.kind === 'queued'
            ? ending.reason
            : `still waiting: the customer queue ${ending.reason}`,
    },
  };
}

/** The queue an action names in QueueId becomes the target queue (agent queues are refused by name). */
function targetNamedQueue(
  action: FlowAction,
  frame: Frame,
  run: RunContext,
): { entry: [string, SimulatedQueue] } | { error: Step } {
  const p = action.Parameters ?? {};
  if (p.AgentId !== undefined) throw unsupported(action, frame, 'agent queues (AgentId)');
  const ref = run.text(p.QueueId, frame);
  const entry = run.queueEntry(ref);
  if (!entry) return { error: fail(`unknown queue "${ref}"`) };
  run.s.targetQueue = entry[0];
  return { entry };
}

/** Target queue and transfers to a queue. */
export const queueActions: ActionFamily = {
  UpdateContactTargetQueue: (action, frame, run) => {
    const queue = targetNamedQueue(action, frame, run);
    if ('error' in queue) return queue.error;
    run.emit({ type: 'queue', actionId: action.Identifier, event: 'target', queue: queue.entry[1].name });
    return { kind: 'next' };
  },
  TransferContactToQueue: (action, _frame, run) => {
    const queue = run.queueEntry(run.s.targetQueue);
    if (!queue) return fail('no target queue set');
    return enqueue(run, action.Identifier, queue, true);
  },
  DequeueContactAndTransferToQueue: (action, frame, run) => {
    const queue = targetNamedQueue(action, frame, run);
    if ('error' in queue) return queue.error;
    // Already inside the customer-queue flow: the new queue's wait is not simulated again.
    return enqueue(run, action.Identifier, queue.entry, false);
  },
};

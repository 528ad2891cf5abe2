import { asText } from '../references';
import { type ActionFamily, type Frame, fail, type RunContext, type Step, unsupported } from '../run-context';
import type { FlowAction, SimulatedQueue } from '../types';

/** The queue a metric action reads, with the contact itself counted when it waits there. */
function metricQueue(
  action: FlowAction,
  frame: Frame,
  run: RunContext,
): { key: string; q: SimulatedQueue } | { step: Step } {
  const p = action.Parameters ?? {};
  if (p.AgentId !== undefined) throw unsupported(action, frame, 'agent queues (AgentId)');
  const ref = p.QueueId !== undefined ? run.text(p.QueueId, frame) : run.s.targetQueue;
  const queue = run.queueEntry(ref);
  if (!queue) return { step: fail(`unknown queue "${ref ?? ''}"`) };
  // The snapshot counts the other contacts; a contact waiting in the queue counts itself too.
  const q = { ...queue[1], contactsInQueue: queue[1].contactsInQueue + (run.s.waitingIn === queue[0] ? 1 : 0) };
  return { key: queue[0], q };
}

/** Real-time queue metrics, from the simulated queue state. */
export const metricActions: ActionFamily = {
  GetMetricData: (action, frame, run) => {
    const found = metricQueue(action, frame, run);
    if ('step' in found) return found.step;
    const { key, q } = found;
    run.s.metrics = {
      Queue: {
        Name: q.name,
        ARN: run.queueArn(key),
        Size: q.contactsInQueue,
        OldestContactAge: q.oldestContactAgeSeconds,
      },
      Agents: {
        Online: { Count: q.agentsOnline },
        Available: { Count: q.agentsAvailable },
        Staffed: { Count: q.agentsStaffed },
      },
    };
    return { kind: 'next' };
  },
  CheckMetricData: (action, frame, run) => {
    const found = metricQueue(action, frame, run);
    if ('step' in found) return found.step;
    const { q } = found;
    const metricType = asText(action.Parameters?.MetricType);
    const values: Record<string, number> = {
      NumberOfAgentsAvailable: q.agentsAvailable,
      NumberOfAgentsStaffed: q.agentsStaffed,
      NumberOfAgentsOnline: q.agentsOnline,
      OldestContactInQueueAgeSeconds: q.oldestContactAgeSeconds,
      NumberOfContactsInQueue: q.contactsInQueue,
    };
    const value = values[metricType];
    if (value === undefined) throw unsupported(action, frame, `MetricType "${metricType}"`);
    // Every metric, agent counts included, takes NoMatchingCondition when no condition holds: the console's
    // Check staffing block exports the agent-count "False" branch as NoMatchingCondition and uses
    // NextAction as its error target (docs/local-interpreter.md, "CheckMetricData").
    return { kind: 'value', value: String(value) };
  },
};

import { toNumber } from '../conditions';
import { findEntry } from '../lookup';
import { type ActionFamily, fail, record } from '../run-context';
import type { CreatedTask } from '../types';

/**
 * CreateTask: records the task (name, flow, attributes, references, schedule) on the result. The task
 * is a new contact that runs its own flow later; that run is not part of this contact's simulation.
 */
export const taskActions: ActionFamily = {
  CreateTask: (action, frame, run) => {
    const p = action.Parameters ?? {};
    const name = run.text(p.Name, frame).trim();
    if (name === '') return fail('a task needs a Name');
    const flowRef = run.text(p.ContactFlowId, frame);
    const flow = findEntry(run.s.env.flows, flowRef);
    if (!flow && p.TaskTemplateId === undefined) return fail(`unknown flow "${flowRef}" for the task`);
    const delay = p.DelaySeconds !== undefined ? toNumber(run.text(p.DelaySeconds, frame)) : undefined;
    if (delay !== undefined && (!Number.isInteger(delay) || delay < 1 || delay > 518_400)) {
      return fail(`DelaySeconds ${delay} is outside 1–518400`);
    }
    const attributes: Record<string, string> = {};
    for (const [k, v] of Object.entries(record(p.Attributes))) attributes[k] = run.text(v, frame);
    const references: Record<string, string> = {};
    for (const [k, v] of Object.entries(record(p.References))) references[k] = run.text(record(v).Value ?? v, frame);
    const description = p.Description !== undefined ? run.text(p.Description, frame) : undefined;
    const scheduledTime = p.ScheduledTime !== undefined ? run.text(p.ScheduledTime, frame) : undefined;
    const task: CreatedTask = {
      name,
      flow: flow ? flow[1].name : `(task template ${run.text(p.TaskTemplateId, frame)})`,
      attributes,
      references,
      ...(description !== undefined ? { description } : {}),
      ...(delay !== undefined ? { delaySeconds: delay } : {}),
      ...(scheduledTime !== undefined ? { scheduledTime } : {}),
    };
    run.s.tasks.push(task);
    run.emit({
      type: 'service',
      actionId: action.Identifier,
      service: 'Tasks',
      operation: 'create',
      detail: `${name} → ${task.flow}`,
    });
    return { kind: 'next' };
  },
};

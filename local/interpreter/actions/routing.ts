import { toNumber } from '../conditions';
import { asText } from '../references';
import { type ActionFamily, type ActionHandler, fail, record } from '../run-context';

const setRoutingCriteria: ActionHandler = (action, _frame, run) => {
  const criteria = record(action.Parameters?.RoutingCriteria);
  if (!Array.isArray(criteria.Steps) || criteria.Steps.length === 0) return fail('RoutingCriteria.Steps is empty');
  run.emit({ type: 'setting', actionId: action.Identifier, name: 'RoutingCriteria', value: JSON.stringify(criteria) });
  return { kind: 'next' };
};

/**
 * Routing priority/age and routing criteria are recorded (trace settings) for the queue that follows.
 * The simulated queue has agent counts, not agents with proficiencies: it answers when an agent is
 * available, whatever the priority or criteria (all criteria steps expire into "any agent in the queue").
 */
export const routingActions: ActionFamily = {
  UpdateContactRoutingBehavior: (action, frame, run) => {
    const p = action.Parameters ?? {};
    const has = (k: string) => p[k] !== undefined;
    if (has('QueuePriority') === has('QueueTimeAdjustmentSeconds')) {
      return fail('exactly one of QueuePriority and QueueTimeAdjustmentSeconds is expected');
    }
    const name = has('QueuePriority') ? 'QueuePriority' : 'QueueTimeAdjustmentSeconds';
    const value = toNumber(run.text(p[name], frame));
    if (value === undefined || !Number.isInteger(value) || (name === 'QueuePriority' && value < 1)) {
      return fail(`${name} "${asText(p[name])}" is not a valid integer`);
    }
    run.emit({ type: 'setting', actionId: action.Identifier, name, value: String(value) });
    return { kind: 'next' };
  },
  UpdateContactRoutingCriteria: setRoutingCriteria,
  // The flow language reference names the action UpdateRoutingCriteria; console exports write UpdateContactRoutingCriteria.
  UpdateRoutingCriteria: setRoutingCriteria,
};

import { toNumber } from '../conditions';
import { asText } from '../references';
import { type ActionFamily, fail } from '../run-context';

/** Branching on a value, a random draw, or a loop counter. */
export const branchingActions: ActionFamily = {
  Compare: (action, frame, run) => ({
    kind: 'value',
    value: run.text(action.Parameters?.ComparisonValue, frame),
  }),
  DistributeByPercentage: (_action, _frame, run) => {
    const draw = Math.min(100, Math.max(1, Math.floor((run.s.env.random ?? Math.random)() * 100) + 1));
    return { kind: 'value', value: String(draw) };
  },
  Loop: (action, frame, run) => {
    const p = action.Parameters ?? {};
    const count = toNumber(run.text(p.LoopCount, frame));
    if (count === undefined || count < 0 || !Number.isInteger(count)) return fail(`LoopCount "${asText(p.LoopCount)}"`);
    const key = `${frame.key}\u0000${action.Identifier}`;
    const done = run.s.loopCounters.get(key) ?? 0;
    if (done < count) {
      run.s.loopCounters.set(key, done + 1);
      return { kind: 'value', value: 'ContinueLooping' };
    }
    run.s.loopCounters.delete(key);
    return { kind: 'value', value: 'DoneLooping' };
  },
};

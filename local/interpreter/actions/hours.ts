import { activeOverride, isOpen } from '../hours';
import { findEntry } from '../lookup';
import { type ActionFamily, fail } from '../run-context';

/** Open or closed now, by the named hours or the target queue's, overrides (closure days) included. */
export const hoursActions: ActionFamily = {
  CheckHoursOfOperation: (action, frame, run) => {
    const s = run.s;
    const p = action.Parameters ?? {};
    const ref =
      p.HoursOfOperationId !== undefined
        ? run.text(p.HoursOfOperationId, frame)
        : run.queueEntry(s.targetQueue)?.[1].hoursOfOperation;
    if (ref === undefined) return fail('no HoursOfOperationId and no target queue');
    const hours = findEntry(s.env.hoursOfOperation, ref);
    if (!hours) return fail(`unknown hours of operation "${ref}"`);
    const open = isOpen(hours[1], s.env.now, s.env.timeZone);
    const override = open ? undefined : activeOverride(hours[1], s.env.now, s.env.timeZone);
    run.emit({
      type: 'setting',
      actionId: action.Identifier,
      name: 'HoursOfOperation',
      value: `${hours[1].name}: ${open}${override ? ` (override ${override.name})` : ''}`,
    });
    return { kind: 'value', value: open ? 'True' : 'False' };
  },
};

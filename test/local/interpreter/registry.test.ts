import { ACTION_TYPES } from '../../../lib/flows/action-types';
import { REFUSED_ACTION_TYPES, SUPPORTED_ACTION_TYPES } from '../../../local/interpreter';

describe('action registry', () => {
  it('runs or refuses by name every action type of the catalogue the linter reads', () => {
    const handled = new Set([...SUPPORTED_ACTION_TYPES, ...Object.keys(REFUSED_ACTION_TYPES)]);

    const missing = Object.keys(ACTION_TYPES).filter((type) => !handled.has(type));

    expect(missing).toEqual([]);
  });

  it('never both runs and refuses a type', () => {
    expect(SUPPORTED_ACTION_TYPES.filter((t) => Object.hasOwn(REFUSED_ACTION_TYPES, t))).toEqual([]);
  });

  it('gives every refusal a reason', () => {
    for (const reason of Object.values(REFUSED_ACTION_TYPES)) expect(reason.length).toBeGreaterThan(10);
  });
});

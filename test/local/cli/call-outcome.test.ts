import { describeOutcome } from '../../../local/cli/commands/call';

describe('call human output names every outcome the interpreter can end in', () => {
  it.each([
    [{ type: 'queued', queue: 'Priority' }, 'queued in Priority'],
    [{ type: 'callback', queue: 'General' }, 'callback booked in General'],
    [{ type: 'disconnected' }, 'disconnected (goodbye)'],
    [{ type: 'connected', queue: 'General' }, 'connected to an agent of General'],
    [{ type: 'held' }, 'held (the contact stays on hold)'],
    [{ type: 'transferred', number: '+81312345678' }, 'transferred to +81312345678'],
    [{ type: 'error', reason: 'Lambda timed out' }, 'error: Lambda timed out'],
  ] as const)('%o → %s', (outcome, text) => {
    expect(describeOutcome(outcome)).toBe(text);
  });
});

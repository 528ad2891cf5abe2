import { type ActionFamily, fail, unsupported } from '../run-context';

const E164 = /^\+[1-9]\d{1,14}$/;

/** The number to call back and the queued callback. */
export const callbackActions: ActionFamily = {
  UpdateContactCallbackNumber: (action, frame, run) => {
    const number = run.text(action.Parameters?.CallbackNumber, frame).trim();
    if (!E164.test(number)) {
      return { kind: 'error', errorType: 'InvalidCallbackNumber', detail: `"${number}" is not an E.164 number` };
    }
    run.s.callbackNumber = number;
    run.emit({ type: 'setting', actionId: action.Identifier, name: 'CallbackNumber', value: number });
    return { kind: 'next' };
  },
  CreateCallbackContact: (action, frame, run) => {
    const s = run.s;
    const p = action.Parameters ?? {};
    if (p.AgentId !== undefined) throw unsupported(action, frame, 'agent queues (AgentId)');
    const ref = p.QueueId !== undefined ? run.text(p.QueueId, frame) : s.targetQueue;
    const queue = run.queueEntry(ref);
    if (!queue) return fail(`unknown queue "${ref ?? ''}"`);
    const number = s.callbackNumber ?? s.customerEndpoint?.Address;
    if (!number || !E164.test(number)) return fail('no callback number');
    s.callback = { queue: queue[1].name, number };
    run.emit({ type: 'callback', actionId: action.Identifier, queue: queue[1].name, number });
    return { kind: 'next' };
  },
};

import { toNumber } from '../conditions';
import { findEntry } from '../lookup';
import { asText } from '../references';
import { type ActionFamily, fail, record } from '../run-context';

/** Moving between flows (transfer, module, event hooks) and ending a flow or the contact. */
export const flowActions: ActionFamily = {
  UpdateContactEventHooks: (action, frame, run) => {
    const hooks: Record<string, string> = {};
    for (const [hook, v] of Object.entries(record(action.Parameters?.EventHooks))) {
      const ref = run.text(v, frame);
      const flow = findEntry(run.s.env.flows, ref);
      if (!flow) return fail(`unknown ${hook} flow "${ref}"`);
      hooks[hook] = flow[0];
    }
    for (const [hook, key] of Object.entries(hooks)) {
      run.s.eventHooks[hook] = key;
      run.emit({
        type: 'setting',
        actionId: action.Identifier,
        name: `EventHook.${hook}`,
        value: run.s.env.flows[key]?.name ?? key,
      });
    }
    return { kind: 'next' };
  },
  TransferToFlow: (action, frame, run) => {
    const ref = run.text(action.Parameters?.ContactFlowId, frame);
    const flow = findEntry(run.s.env.flows, ref);
    if (!flow) return fail(`unknown flow "${ref}"`);
    return { kind: 'transfer', flowKey: flow[0] };
  },
  InvokeFlowModule: async (action, frame, run) => {
    const ref = run.text(action.Parameters?.FlowModuleId, frame);
    const module = run.frame(ref, frame.audience, true);
    if (!module) return fail(`unknown flow module "${ref}"`);
    run.emit({ type: 'flow', actionId: action.Identifier, event: 'module', flow: module.definition.name });
    const ending = await run.runFlow(module);
    return ending.kind === 'ended' ? { kind: 'next' } : { kind: 'end', ending };
  },
  DisconnectParticipant: (action, frame, run) => ({
    kind: 'end',
    ending: { kind: 'disconnected', reason: `disconnected by ${run.label(frame, action)}` },
  }),
  EndFlowExecution: (action, frame, run) => ({
    kind: 'end',
    ending: { kind: 'ended', reason: `flow ended at ${run.label(frame, action)}` },
  }),
  EndFlowModuleExecution: (action, frame, run) => ({
    kind: 'end',
    ending: { kind: 'ended', reason: `flow ended at ${run.label(frame, action)}` },
  }),
  /**
   * Wait pauses a chat until its time limit or an event (CustomerReturned, BotParticipantDisconnected).
   * No participant event happens during a simulation, so the wait completes: WaitCompleted.
   */
  Wait: (action, frame, run) => {
    const p = action.Parameters ?? {};
    if (run.s.channel !== 'CHAT') return fail('Wait runs on chat contacts only');
    // The reference names the limit TimeoutSeconds; console exports write TimeLimitSeconds.
    const raw = p.TimeoutSeconds ?? p.TimeLimitSeconds;
    const seconds = toNumber(run.text(raw, frame));
    if (seconds === undefined || seconds <= 0 || seconds > 604_800) return fail(`wait time "${asText(raw)}"`);
    run.emit({ type: 'setting', actionId: action.Identifier, name: 'Wait', value: `${seconds} s elapsed` });
    return { kind: 'value', value: 'WaitCompleted' };
  },
};

import { asText } from '../references';
import { type ActionFamily, fail, isTrue } from '../run-context';

const E164 = /^\+[1-9]\d{1,14}$/;
const PARTICIPANT_STATES = ['AgentOnHold', 'CustomerOnHold', 'OffHold'];

/** Voice participants: a transfer to an outside number, and holding the previous contact's participants. */
export const participantActions: ActionFamily = {
  /**
   * Transfer to phone number. With ContinueFlowExecution "False" the contact leaves for the number for
   * good (outcome `transferred`); otherwise (the default) the third-party call happens and, when it ends,
   * the flow continues at NextAction.
   */
  TransferParticipantToThirdParty: (action, frame, run) => {
    const p = action.Parameters ?? {};
    if (run.s.channel !== 'VOICE') return fail('a third-party transfer is voice only');
    const number = run.text(p.ThirdPartyPhoneNumber, frame).trim();
    if (!E164.test(number)) return fail(`"${number}" is not an E.164 phone number`);
    const continues = p.ContinueFlowExecution === undefined || isTrue(p.ContinueFlowExecution);
    run.emit({
      type: 'service',
      actionId: action.Identifier,
      service: 'ThirdPartyTransfer',
      operation: continues ? 'call, then resume' : 'transfer',
      detail: number,
    });
    if (continues) return { kind: 'next' };
    return {
      kind: 'end',
      ending: { kind: 'transferred', number, reason: `transferred to ${number} by ${run.label(frame, action)}` },
    };
  },
  UpdatePreviousContactParticipantState: (action, _frame, run) => {
    const state = asText(action.Parameters?.PreviousContactParticipantState);
    if (run.s.channel !== 'VOICE') return fail('participant hold states are voice only');
    if (!PARTICIPANT_STATES.includes(state)) return fail(`PreviousContactParticipantState "${state}"`);
    run.emit({ type: 'setting', actionId: action.Identifier, name: 'PreviousContactParticipantState', value: state });
    return { kind: 'next' };
  },
};

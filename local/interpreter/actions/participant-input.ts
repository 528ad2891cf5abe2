import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { toNumber } from '../conditions';
import { asText } from '../references';
import { type ActionFamily, type Frame, fail, isTrue, type RunContext, record, type Step } from '../run-context';
import type { FlowAction } from '../types';

const DEFAULT_INPUT_SECONDS = 5;

/** Keys pressed by the caller: a menu choice (one key) or a stored entry (several keys, optionally a phone number). */
export const participantInputActions: ActionFamily = {
  GetParticipantInput: getInput,
};

async function getInput(action: FlowAction, frame: Frame, run: RunContext): Promise<Step> {
  const s = run.s;
  const p = action.Parameters ?? {};
  const prompt = run.promptText(p, frame);
  if ('error' in prompt) return fail(prompt.error);
  if (s.channel !== 'VOICE') return fail('GetParticipantInput is voice only');
  run.play(action.Identifier, prompt.text, frame);
  const store = isTrue(p.StoreInput);
  const validation = record(p.InputValidation);
  const custom = record(validation.CustomValidation);
  const phone = validation.PhoneNumberValidation !== undefined ? record(validation.PhoneNumberValidation) : undefined;
  const maxDigits = store ? toNumber(custom.MaximumLength) : 1;
  const answer = await s.options.input({
    actionId: action.Identifier,
    prompt: prompt.text,
    timeoutSeconds: toNumber(p.InputTimeLimitSeconds) ?? DEFAULT_INPUT_SECONDS,
    ...(maxDigits !== undefined ? { maxDigits } : {}),
  });
  run.emit({
    type: 'input',
    actionId: action.Identifier,
    prompt: prompt.text,
    ...(answer !== undefined ? { value: answer } : {}),
  });
  if (answer === undefined || answer === '') {
    return { kind: 'error', errorType: 'InputTimeLimitExceeded', detail: 'no input before the time limit' };
  }
  if (!store) return { kind: 'value', value: answer.slice(0, 1) };
  const terminator = asText(record(p.DTMFConfiguration).InputTerminationSequence) || '#';
  let value = answer.endsWith(terminator) ? answer.slice(0, -terminator.length) : answer;
  if (maxDigits !== undefined) value = value.slice(0, maxDigits);
  if (phone) {
    const format = asText(phone.NumberFormat);
    const candidate = format === 'E164' && !value.startsWith('+') ? `+${value}` : value;
    const parsed = parsePhoneNumberFromString(candidate, (asText(phone.CountryCode) || undefined) as never);
    if (!parsed?.isValid()) {
      return { kind: 'error', errorType: 'InvalidPhoneNumber', detail: `"${value}" is not a valid phone number` };
    }
    value = parsed.number;
  }
  s.storedInput = value;
  return { kind: 'next' };
}

import { asText } from '../references';
import { type ActionFamily, fail } from '../run-context';

/** Settings of the contact that change no branch: logging, recording, voice, contact data. Each is traced. */
export const contactSettingActions: ActionFamily = {
  UpdateFlowLoggingBehavior: (action, _frame, run) => {
    run.emit({
      type: 'setting',
      actionId: action.Identifier,
      name: 'FlowLoggingBehavior',
      value: asText(action.Parameters?.FlowLoggingBehavior),
    });
    return { kind: 'next' };
  },
  UpdateContactRecordingBehavior: (action, _frame, run) => {
    const p = action.Parameters ?? {};
    run.emit({
      type: 'setting',
      actionId: action.Identifier,
      name: 'RecordingBehavior',
      value: JSON.stringify({ RecordingBehavior: p.RecordingBehavior, AnalyticsBehavior: p.AnalyticsBehavior }),
    });
    return { kind: 'next' };
  },
  UpdateContactTextToSpeechVoice: (action, frame, run) => {
    const p = action.Parameters ?? {};
    run.s.voice = run.text(p.TextToSpeechVoice, frame);
    run.emit({ type: 'setting', actionId: action.Identifier, name: 'TextToSpeechVoice', value: run.s.voice });
    if (p.TextToSpeechEngine !== undefined) {
      run.emit({
        type: 'setting',
        actionId: action.Identifier,
        name: 'TextToSpeechEngine',
        value: asText(p.TextToSpeechEngine),
      });
    }
    return { kind: 'next' };
  },
  UpdateContactData: (action, frame, run) => {
    const p = action.Parameters ?? {};
    const target = asText(p.TargetContact);
    if (target !== '' && target !== 'Current') return fail(`TargetContact "${target}" does not exist`);
    for (const [k, v] of Object.entries(p)) {
      if (k === 'TargetContact') continue;
      const value = run.text(v, frame);
      if (k === 'LanguageCode') run.s.languageCode = value;
      run.emit({ type: 'setting', actionId: action.Identifier, name: k, value });
    }
    return { kind: 'next' };
  },
};

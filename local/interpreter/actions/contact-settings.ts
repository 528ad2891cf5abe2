import { asText } from '../references';
import { type ActionFamily, fail, record } from '../run-context';

/** Contact tag keys: user-defined (never `aws:`), 1–128 characters; values up to 256 (TagContact API). */
const TAG_KEY = /^(?!aws:)[a-zA-Z0-9+\-=._:/]{1,128}$/;

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
  /** Contact tags: all set or none. */
  TagContact: (action, frame, run) => {
    // Pairs, not assignments: a key such as "__proto__" must stay an ordinary tag.
    const tags: [string, string][] = [];
    for (const [k, v] of Object.entries(record(action.Parameters?.Tags))) {
      const key = run.text(k, frame);
      const value = run.text(v, frame);
      if (!TAG_KEY.test(key)) return fail(`tag key "${key}" is not a user-defined tag key`);
      if (value.length > 256) return fail(`tag "${key}" is longer than 256 characters`);
      tags.push([key, value]);
    }
    run.s.tags = Object.fromEntries([...Object.entries(run.s.tags), ...tags]);
    for (const [name, value] of tags) {
      run.emit({ type: 'setting', actionId: action.Identifier, name: `Tag.${name}`, value });
    }
    return { kind: 'next' };
  },
  /** Removes contact tags by key (a key not set is no error). */
  UnTagContact: (action, frame, run) => {
    const keys = action.Parameters?.TagKeys;
    if (!Array.isArray(keys) || keys.length === 0) return fail('TagKeys must be a non-empty list');
    for (const k of keys) {
      const key = run.text(k, frame);
      run.s.tags = Object.fromEntries(Object.entries(run.s.tags).filter(([t]) => t !== key));
      run.emit({ type: 'setting', actionId: action.Identifier, name: `Untag.${key}`, value: '' });
    }
    return { kind: 'next' };
  },
  /** Live media streaming of the voice call (to Kinesis Video Streams on Connect): recorded, no stream runs locally. */
  UpdateContactMediaStreamingBehavior: (action, _frame, run) => {
    const p = action.Parameters ?? {};
    if (run.s.channel !== 'VOICE') return fail('media streaming is voice only');
    const state = asText(p.MediaStreamingState);
    if (state !== 'Enabled' && state !== 'Disabled') return fail(`MediaStreamingState "${state}"`);
    run.emit({
      type: 'setting',
      actionId: action.Identifier,
      name: 'MediaStreaming',
      value: JSON.stringify({
        MediaStreamingState: state,
        MediaStreamType: p.MediaStreamType,
        Participants: p.Participants,
      }),
    });
    return { kind: 'next' };
  },
};

import type { InputRequest, LexTurnRequest, ScriptedLexIntent, ViewRequest, ViewResult } from './types';

/** Marker for "no input before the time limit" in a {@link scriptedInput} script. */
export const NO_INPUT = '_';

/**
 * Parses an input script into successive answers: each key (`0-9 * #`, or any other character) answers
 * one GetParticipantInput request; `_` is a timeout (no input); `[…]` is one multi-key entry for a
 * stored input (`[0312345678#]`); spaces are ignored.
 */
export function parseInputScript(script: string): (string | undefined)[] {
  const answers: (string | undefined)[] = [];
  for (let i = 0; i < script.length; i += 1) {
    const ch = script[i] as string;
    if (ch === ' ') continue;
    if (ch === NO_INPUT) {
      answers.push(undefined);
    } else if (ch === '[') {
      const close = script.indexOf(']', i + 1);
      if (close < 0) throw new Error(`input script "${script}": "[" at position ${i} is not closed`);
      answers.push(script.slice(i + 1, close));
      i = close;
    } else {
      answers.push(ch);
    }
  }
  return answers;
}

/**
 * An `input` for {@link ContactOptions} that answers requests in order from a script (see
 * {@link parseInputScript}) or an array (`undefined` = timeout). Once the script runs out, every
 * further request times out, as a silent caller would.
 */
export function scriptedInput(
  script: string | readonly (string | undefined)[],
): (request: InputRequest) => Promise<string | undefined> {
  const answers = typeof script === 'string' ? parseInputScript(script) : [...script];
  let next = 0;
  return async () => {
    const answer = next < answers.length ? answers[next] : undefined;
    next += 1;
    return answer;
  };
}

/** A `views` answerer for {@link ContactOptions}: results in order (`undefined` = nobody acted in time); then every view times out. */
export function scriptedViewResults(
  results: readonly (ViewResult | undefined)[],
): (request: ViewRequest) => Promise<ViewResult | undefined> {
  let next = 0;
  return async () => {
    const result = next < results.length ? results[next] : undefined;
    next += 1;
    return result;
  };
}

/**
 * The scripted STAND-IN for Amazon Lex: each ConnectParticipantWithLexBot turn returns the next intent
 * (a name, or an intent with slots); once the script runs out, turns return nothing (NoMatchingError).
 */
export function scriptedLexIntents(
  intents: readonly (string | ScriptedLexIntent | undefined)[],
): (request: LexTurnRequest) => Promise<ScriptedLexIntent | undefined> {
  let next = 0;
  return async () => {
    const turn = next < intents.length ? intents[next] : undefined;
    next += 1;
    return typeof turn === 'string' ? { intent: turn } : turn;
  };
}

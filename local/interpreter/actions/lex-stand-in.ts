import { type ActionFamily, type Frame, fail, type RunContext, record, type Step } from '../run-context';
import type { FlowAction } from '../types';

/**
 * ConnectParticipantWithLexBot through a SCRIPTED STAND-IN for Amazon Lex: no speech or language
 * understanding runs; `ContactOptions.scriptedLexIntents` says which intent (and slots) each turn
 * returns. The intent name is the result the conditions test; `$.Lex.IntentName`, `$.Lex.Slots.*` and
 * `$.Lex.SessionAttributes.*` hold it afterwards. Trace events name the stand-in.
 */
async function connectWithLexBot(action: FlowAction, frame: Frame, run: RunContext): Promise<Step> {
  const s = run.s;
  const p = action.Parameters ?? {};
  const prompt = run.promptText(p, frame);
  if ('error' in prompt) return fail(prompt.error);
  const bot = record(p.LexV2Bot);
  const classic = record(p.LexBot);
  const botAliasArn = run.text(bot.AliasArn ?? classic.Name ?? '', frame).trim();
  if (botAliasArn === '') return fail('no Lex bot named (LexV2Bot.AliasArn is empty)');
  if (prompt.text !== '') run.play(action.Identifier, prompt.text, frame);
  const sessionAttributes: Record<string, string> = {};
  for (const [k, v] of Object.entries(record(p.LexSessionAttributes))) sessionAttributes[k] = run.text(v, frame);
  const turn = await s.options.scriptedLexIntents?.({
    actionId: action.Identifier,
    botAliasArn,
    prompt: prompt.text,
    sessionAttributes,
  });
  const service = 'Lex (scripted stand-in)';
  if (turn === undefined) {
    run.emit({
      type: 'service',
      actionId: action.Identifier,
      service,
      operation: botAliasArn,
      detail: 'no intent scripted',
    });
    return fail('the scripted Lex stand-in has no intent for this turn');
  }
  s.lex = {
    IntentName: turn.intent,
    Slots: { ...(turn.slots ?? {}) },
    SessionAttributes: { ...sessionAttributes, ...(turn.sessionAttributes ?? {}) },
  };
  run.emit({ type: 'service', actionId: action.Identifier, service, operation: botAliasArn, detail: turn.intent });
  return { kind: 'value', value: turn.intent };
}

export const lexStandInActions: ActionFamily = { ConnectParticipantWithLexBot: connectWithLexBot };

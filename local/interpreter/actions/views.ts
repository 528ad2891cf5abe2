import { toNumber } from '../conditions';
import { asText } from '../references';
import { type ActionFamily, type Frame, fail, type RunContext, record, type Step } from '../run-context';
import type { FlowAction } from '../types';

/** Deeper ViewData is refused (error branch) rather than recursed into without end. */
const MAX_VIEW_DATA_DEPTH = 32;

class ViewDataTooDeep extends Error {}

/** ViewData values are dynamic text at any depth (form sections hold arrays of objects). */
function evaluateDeep(value: unknown, frame: Frame, run: RunContext, depth = 0): unknown {
  if (depth > MAX_VIEW_DATA_DEPTH) throw new ViewDataTooDeep();
  if (typeof value === 'string') return run.text(value, frame);
  if (Array.isArray(value)) return value.map((v) => evaluateDeep(v, frame, run, depth + 1));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, evaluateDeep(v, frame, run, depth + 1)]));
  }
  return value;
}

/**
 * Show view: the agent (step-by-step guides) acts on a view; the action chosen is the result the
 * conditions test, and the view's data lands in `$.Views.ViewResultData`. Chat only (the guides run
 * as chat contacts). Who acts is scripted by `ContactOptions.views`; with no answer the view times out.
 */
async function showView(action: FlowAction, frame: Frame, run: RunContext): Promise<Step> {
  const s = run.s;
  const p = action.Parameters ?? {};
  if (s.channel !== 'CHAT') return fail('ShowView is supported on the chat channel only');
  const viewId = run.text(record(p.ViewResource).Id, frame);
  const timeLimitSeconds = toNumber(run.text(p.InvocationTimeLimitSeconds, frame));
  let data: unknown;
  try {
    data = evaluateDeep(p.ViewData ?? {}, frame, run);
  } catch (error) {
    if (error instanceof ViewDataTooDeep) return fail(`ViewData is nested deeper than ${MAX_VIEW_DATA_DEPTH} levels`);
    throw error;
  }
  const answer = await s.options.views?.({
    actionId: action.Identifier,
    viewId,
    data,
    ...(timeLimitSeconds !== undefined ? { timeLimitSeconds } : {}),
  });
  if (answer === undefined) {
    run.emit({
      type: 'service',
      actionId: action.Identifier,
      service: 'Views',
      operation: viewId,
      detail: 'no action',
    });
    return { kind: 'error', errorType: 'TimeLimitExceeded', detail: `nobody acted on view "${viewId}" in time` };
  }
  s.views = { Action: answer.action, ViewResultData: answer.data ?? {} };
  run.emit({
    type: 'service',
    actionId: action.Identifier,
    service: 'Views',
    operation: viewId,
    detail: `${answer.action} ${asText(answer.data ?? {})}`,
  });
  return { kind: 'value', value: answer.action };
}

export const viewActions: ActionFamily = { ShowView: showView };

import type { ActionFamily, ActionHandler } from '../run-context';
import { attributeActions } from './attributes';
import { branchingActions } from './branching';
import { callbackActions } from './callbacks';
import { contactSettingActions } from './contact-settings';
import { flowActions } from './flows';
import { hoursActions } from './hours';
import { lambdaActions } from './lambda-function';
import { messageActions } from './messages';
import { metricActions } from './metrics';
import { participantInputActions } from './participant-input';
import { queueActions } from './queues';

/**
 * Every action family the interpreter runs. A new action type is added to its family's module (or a
 * new module listed here); a type no family registers stops the contact with UnsupportedActionError.
 */
const FAMILIES: readonly ActionFamily[] = [
  messageActions,
  participantInputActions,
  lambdaActions,
  attributeActions,
  branchingActions,
  hoursActions,
  metricActions,
  contactSettingActions,
  queueActions,
  callbackActions,
  flowActions,
];

function register(families: readonly ActionFamily[]): ReadonlyMap<string, ActionHandler> {
  const registry = new Map<string, ActionHandler>();
  for (const family of families) {
    for (const [type, handler] of Object.entries(family)) {
      if (registry.has(type)) throw new Error(`action type ${type} is registered by two interpreter modules`);
      registry.set(type, handler);
    }
  }
  return registry;
}

const REGISTRY = register(FAMILIES);

/** The handler for an action type, or undefined when the interpreter does not run it. */
export function actionHandler(type: string): ActionHandler | undefined {
  return REGISTRY.get(type);
}

/** Action types the interpreter runs, sorted. Anything else stops the contact with UnsupportedActionError. */
export const SUPPORTED_ACTION_TYPES: readonly string[] = [...REGISTRY.keys()].sort();

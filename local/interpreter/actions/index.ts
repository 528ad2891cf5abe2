import type { ActionFamily, ActionHandler } from '../run-context';
import { attributeActions } from './attributes';
import { branchingActions } from './branching';
import { callbackActions } from './callbacks';
import { caseActions } from './cases';
import { contactSettingActions } from './contact-settings';
import { customerProfileActions } from './customer-profiles';
import { flowActions } from './flows';
import { hoursActions } from './hours';
import { lambdaActions } from './lambda-function';
import { lexStandInActions } from './lex-stand-in';
import { messageActions } from './messages';
import { metricActions } from './metrics';
import { participantInputActions } from './participant-input';
import { participantActions } from './participants';
import { queueActions } from './queues';
import { REFUSED_ACTION_TYPES } from './refused';
import { routingActions } from './routing';
import { taskActions } from './tasks';
import { viewActions } from './views';

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
  routingActions,
  participantActions,
  taskActions,
  customerProfileActions,
  caseActions,
  viewActions,
  lexStandInActions,
];

function register(families: readonly ActionFamily[]): ReadonlyMap<string, ActionHandler> {
  const registry = new Map<string, ActionHandler>();
  for (const family of families) {
    for (const [type, handler] of Object.entries(family)) {
      if (registry.has(type) || Object.hasOwn(REFUSED_ACTION_TYPES, type)) {
        throw new Error(`action type ${type} is registered twice (or both run and refused)`);
      }
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

export { REFUSED_ACTION_TYPES };

/** Why the interpreter refuses an action type it knows, or undefined. */
export function refusalReason(type: string): string | undefined {
  return Object.hasOwn(REFUSED_ACTION_TYPES, type) ? REFUSED_ACTION_TYPES[type] : undefined;
}

export { CONDITION_OPERATORS, testCondition } from './conditions';
export { FlowDocumentError, UnsupportedActionError } from './errors';
export { isOpen } from './hours';
export { NO_INPUT, parseInputScript, scriptedInput } from './input';
export { findEntry, MAX_ATTRIBUTE_BYTES, runContact, SUPPORTED_ACTION_TYPES, ssmlToText } from './interpreter';
export { MAX_LAMBDA_RESPONSE_BYTES, MAX_LAMBDA_SECONDS } from './lambda';
export { evaluateText, findReferences } from './references';
export type * from './types';

import type { ContactResult } from './types';

/**
 * The flow reached an action the interpreter cannot run faithfully (a type it does not implement, or
 * an unimplemented variant such as an asynchronous Lambda). It never skips such an action silently.
 */
export class UnsupportedActionError extends Error {
  /** What the contact did up to the action (outcome `error`). */
  result?: ContactResult;

  constructor(
    readonly actionType: string,
    readonly identifier: string,
    readonly flow: string,
    detail?: string,
  ) {
    super(
      `flow "${flow}" action "${identifier}": the local interpreter cannot run ${actionType}${detail ? ` (${detail})` : ''}`,
    );
    this.name = 'UnsupportedActionError';
  }
}

/** A flow document the interpreter cannot read (bad JSON, missing StartAction, a NextAction naming no action, unknown flow). */
export class FlowDocumentError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FlowDocumentError';
  }
}

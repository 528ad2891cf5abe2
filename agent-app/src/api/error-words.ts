import type { MessageKey, Translate } from '../i18n';
import { ApiError, type ApiErrorKind } from './api-client';

const KIND: Record<ApiErrorKind, MessageKey> = {
  'bad-request': 'errorBadRequest',
  unauthorized: 'errorUnauthorized',
  forbidden: 'errorForbidden',
  'not-found': 'errorNotFound',
  conflict: 'errorConflict',
  server: 'errorServer',
  network: 'errorNetwork',
};

/**
 * An error as the agent reads it: 403 and 409 explained (the role may not; someone changed it first),
 * 400 with the API's own reasons (it names the fields), anything else without internals.
 */
export function errorText(t: Translate, err: unknown): string {
  if (!(err instanceof ApiError)) return t('errorServer');
  if (err.kind === 'bad-request') {
    const reason =
      err.issues.length > 0
        ? err.issues.map((i) => t('errorField', { field: i.field, reason: i.reason })).join('; ')
        : err.message;
    return t('errorBadRequest', { reason });
  }
  return t(KIND[err.kind]);
}

/**
 * The message above a form whose fields show their own errors: when every issue the API named is on a
 * field the form shows (`shown`: field paths, matched as {@link ApiError.issueFor} does), it only points
 * to the fields; otherwise it says what went wrong.
 */
export function formErrorText(t: Translate, err: unknown, shown: readonly string[]): string {
  const onAField = (field: string) => shown.some((f) => field === f || field.startsWith(`${f}.`));
  if (err instanceof ApiError && err.issues.length > 0 && err.issues.every((i) => onAField(i.field))) {
    return t('errorCheckFields');
  }
  return errorText(t, err);
}

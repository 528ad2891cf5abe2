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

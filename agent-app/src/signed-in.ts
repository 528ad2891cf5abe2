import { SIGNED_IN_MESSAGE_TYPE, type SignedInMessage } from './auth/cognito';
import { htmlLang, resolveLocale, translate } from './i18n';

/**
 * signed-in.html: where Cognito's managed login returns. Hands the authorization code and state to the
 * app that opened this popup, only to our own origin, and closes. The code is useless without the PKCE
 * verifier, which never left the app's memory.
 */
const params = new URLSearchParams(window.location.search);
const message: SignedInMessage = {
  type: SIGNED_IN_MESSAGE_TYPE,
  code: params.get('code') ?? undefined,
  state: params.get('state') ?? undefined,
  error: params.get('error_description') ?? params.get('error') ?? undefined,
};
const locale = resolveLocale(navigator.language, 'ja-JP');
document.documentElement.lang = htmlLang(locale);
const opener = window.opener as Window | null;
if (opener) {
  opener.postMessage(message, window.location.origin);
  window.close();
}
// Still here: no opener (opened directly) or the browser kept the window open.
const p = document.createElement('p');
p.textContent = translate(locale, opener ? 'signedInClose' : 'signedInNoOpener');
document.getElementById('root')?.append(p);

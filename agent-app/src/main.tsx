import '@cloudscape-design/global-styles/index.css';
import './app.css';
import Alert from '@cloudscape-design/components/alert';
import { createRoot } from 'react-dom/client';
import { App, type LocalAgentHolder } from './components/App';
import type { ContactProvider } from './contact/contact-provider';
import { LocalContactProvider } from './contact/local-contact-provider';
import { htmlLang, resolveLocale, translate } from './i18n';
import { type AgentAppRuntimeConfig, parseRuntimeConfig } from './runtime-config';

/**
 * Starts the app: reads config.json beside the page, picks the contact source (the Connect SDK inside
 * the agent workspace, loaded on demand; or the local console's feed) and the agent's language.
 */
async function start(): Promise<void> {
  const root = createRoot(document.getElementById('root')!);
  const configUrl = new URL('./config.json', window.location.href);
  let config: AgentAppRuntimeConfig;
  try {
    const res = await fetch(configUrl, { cache: 'no-store' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    config = parseRuntimeConfig(await res.json());
  } catch (err) {
    const locale = resolveLocale(navigator.language, 'ja-JP');
    document.documentElement.lang = htmlLang(locale);
    root.render(
      <main className="agent-app">
        <Alert type="error">{translate(locale, 'configError', { reason: (err as Error).message })}</Alert>
      </main>,
    );
    return;
  }

  const localAgent: LocalAgentHolder = {};
  let provider: Promise<ContactProvider> | undefined;
  const createProvider = (): Promise<ContactProvider> => {
    provider ??=
      config.contactSource === 'connect'
        ? import('./contact/connect-contact-provider').then((m) => new m.ConnectContactProvider())
        : Promise.resolve(
            new LocalContactProvider({
              url: new URL(config.localContactsUrl ?? 'local/contacts', configUrl).toString(),
              fetch: (input, init) => fetch(input, init),
              headers: (): Record<string, string> =>
                localAgent.username ? { 'X-Local-Agent': localAgent.username } : {},
            }),
          );
    return provider;
  };
  // In the workspace the SDK must register the app early; its agent language decides the screen's.
  const agentLocale =
    config.contactSource === 'connect'
      ? await createProvider()
          .then((p) => p.agentLocale())
          .catch(() => undefined)
      : undefined;
  root.render(
    <App
      config={config}
      createProvider={createProvider}
      initialLocale={resolveLocale(agentLocale, config.defaultLocale)}
      localAgent={localAgent}
    />,
  );
}

void start();

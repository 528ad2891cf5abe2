import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import LiveRegion from '@cloudscape-design/components/live-region';
import SegmentedControl from '@cloudscape-design/components/segmented-control';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { AgentCustomer, AgentPrincipal, MeResponse } from '../../../lambdas/shared/agent/contract';
import { AgentApi } from '../api/api-client';
import { errorText } from '../api/error-words';
import { browserSessionDeps, CognitoSession, SignInError } from '../auth/cognito';
import type { AgentContact, ContactProvider } from '../contact/contact-provider';
import { htmlLang, type Locale, translator } from '../i18n';
import {
  claimedSourceId,
  contactOwner,
  contactPointOf,
  displayName,
  isClaimed,
  searchPrefill,
} from '../logic/contact-view';
import { initialTimeline, timelineReducer } from '../logic/timeline-paging';
import { channelWord } from '../logic/words';
import type { AgentAppRuntimeConfig } from '../runtime-config';
import { CustomerCard } from './CustomerCard';
import { AppText } from './context';
import { InquiryStatusControl } from './InquiryStatusControl';
import { LinkPanel } from './LinkPanel';
import { SearchPanel } from './SearchPanel';
import { CognitoSignIn, LocalSignIn } from './SignIn';
import { Timeline } from './Timeline';
import { WrapUpForm } from './WrapUpForm';

export const TIMELINE_PAGE = 10;

/** The local agent picked on the local console, shared with the local contact feed (same header). */
export interface LocalAgentHolder {
  username?: string;
}

export interface AppProps {
  config: AgentAppRuntimeConfig;
  /** Starts the contact feed once the agent is signed in. */
  createProvider: () => Promise<ContactProvider>;
  initialLocale: Locale;
  localAgent: LocalAgentHolder;
}

/** Whose customer record and history the screen shows. */
type View =
  | { kind: 'customer'; customerId: string; fromContact: boolean }
  | { kind: 'contact-point'; contactPoint: { email: string } | { phone: string } };

function viewKey(v: View | undefined): string | undefined {
  if (!v) return undefined;
  if (v.kind === 'customer') return `customer:${v.customerId}`;
  return 'email' in v.contactPoint ? `email:${v.contactPoint.email}` : `phone:${v.contactPoint.phone}`;
}

export function App({ config, createProvider, initialLocale, localAgent }: AppProps) {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const t = useMemo(() => translator(locale), [locale]);
  const text = useMemo(() => ({ locale, t, timeZone: config.timeZone }), [locale, t, config.timeZone]);
  useEffect(() => {
    document.documentElement.lang = htmlLang(locale);
    document.title = t('appTitle');
  }, [locale, t]);

  // --- who is signed in ---
  const [me, setMe] = useState<MeResponse | undefined>();
  const [signInError, setSignInError] = useState<string | undefined>();
  const tRef = useRef(t);
  tRef.current = t;
  const cognito = useMemo(
    () =>
      config.auth.mode === 'cognito'
        ? new CognitoSession(config.auth, browserSessionDeps(), () => {
            setMe(undefined);
            setSignInError(tRef.current('sessionExpired'));
          })
        : undefined,
    [config.auth],
  );
  const api = useMemo(
    () =>
      new AgentApi({
        baseUrl: config.apiBase,
        fetch: (input, init) => fetch(input, init),
        credentials: async (): Promise<Record<string, string>> => {
          if (cognito) {
            const token = await cognito.idToken();
            return token ? { Authorization: `Bearer ${token}` } : {};
          }
          return localAgent.username ? { 'X-Local-Agent': localAgent.username } : {};
        },
        onUnauthorized: () => {
          setMe(undefined);
          setSignInError(tRef.current('sessionExpired'));
        },
      }),
    [config.apiBase, cognito, localAgent],
  );

  const loadMe = useCallback(async () => {
    try {
      setMe(await api.me());
      setSignInError(undefined);
    } catch (err) {
      setSignInError(tRef.current('signInFailed', { reason: errorText(tRef.current, err) }));
    }
  }, [api]);

  const signInLocal = (agent: AgentPrincipal) => {
    localAgent.username = agent.username;
    void loadMe();
  };
  const signInCognito = async () => {
    try {
      await cognito!.signIn(htmlLang(locale));
      await loadMe();
    } catch (err) {
      if (err instanceof SignInError) {
        if (err.reason === 'popup-blocked') setSignInError(t('signInPopupBlocked'));
        else if (err.reason === 'state-mismatch') setSignInError(t('signInStateMismatch'));
        else if (err.reason !== 'closed') setSignInError(t('signInFailed', { reason: err.message }));
      } else setSignInError(t('signInFailed', { reason: errorText(t, err) }));
    }
  };
  const signOut = () => {
    cognito?.signOut();
    localAgent.username = undefined;
    setMe(undefined);
  };

  // --- the contact the agent is on ---
  const [contact, setContact] = useState<AgentContact | undefined>();
  const contactIdRef = useRef<string | undefined>(undefined);
  const [ended, setEnded] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [view, setView] = useState<View | undefined>();
  /** Who confirmed the current claimed contact (after POST /interactions/link). */
  const [linkedBy, setLinkedBy] = useState<string | undefined>();
  const signedIn = me !== undefined;

  // In the workspace, listen from the start so a contact that connects while the agent signs in still
  // pops; the local feed waits for the sign-in, as it is asked for with the chosen agent's header.
  const listening = signedIn || config.contactSource === 'connect';
  useEffect(() => {
    if (!listening) return;
    let unsubscribe: (() => void) | undefined;
    let cancelled = false;
    void createProvider().then((provider) => {
      if (cancelled) return;
      unsubscribe = provider.subscribe((event) => {
        if (event.type === 'connected') {
          const c = event.contact;
          contactIdRef.current = c.contactId;
          setContact(c);
          setEnded(false);
          setLinkedBy(undefined);
          const owner = contactOwner(c);
          setView(
            owner.kind === 'customer'
              ? { kind: 'customer', customerId: owner.customerId, fromContact: true }
              : owner.kind === 'contact-point'
                ? { kind: 'contact-point', contactPoint: owner.contactPoint }
                : undefined,
          );
          const tt = tRef.current;
          setAnnouncement(
            tt('announceContact', {
              channel: channelWord(tt, c.channel) ?? c.channel,
              name: displayName(c) ?? tt('unknownCaller'),
            }),
          );
        } else {
          if (contactIdRef.current === event.contactId) {
            setEnded(true);
            setAnnouncement(tRef.current('announceContactEnded'));
          }
        }
      });
    });
    return () => {
      cancelled = true;
      unsubscribe?.();
    };
  }, [listening, createProvider]);

  // --- the customer record and history of the view ---
  const [customer, setCustomer] = useState<AgentCustomer | undefined>();
  const [customerLoading, setCustomerLoading] = useState(false);
  const [customerError, setCustomerError] = useState<string | undefined>();
  const [timeline, dispatch] = useReducer(timelineReducer, initialTimeline);
  const key = viewKey(view);
  const contactId = contact && !ended ? contact.contactId : undefined;
  // Reads name the contact being handled (access trail) without reloading when it ends.
  const activeContactRef = useRef<string | undefined>(undefined);
  activeContactRef.current = contactId;

  const loadPage = useCallback(
    async (cursor: string | undefined) => {
      if (!view || !key) return;
      dispatch({ type: 'loading', owner: key });
      try {
        const page = { limit: TIMELINE_PAGE, cursor, contactId: activeContactRef.current };
        const res =
          view.kind === 'customer'
            ? await api.timeline(view.customerId, page)
            : await api.contactPointTimeline(view.contactPoint, page);
        dispatch({
          type: 'page',
          owner: key,
          items: res.interactions,
          cursor: res.cursor,
          append: cursor !== undefined,
        });
      } catch (err) {
        dispatch({ type: 'failed', owner: key, error: errorText(tRef.current, err) });
      }
    },
    [api, view, key],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload only when whose screen it is changes
  useEffect(() => {
    dispatch({ type: 'reset', owner: key });
    setCustomer(undefined);
    setCustomerError(undefined);
    if (!view || !signedIn) return;
    void loadPage(undefined);
    if (view.kind !== 'customer') return;
    let cancelled = false;
    setCustomerLoading(true);
    api
      .customer(view.customerId, contactId)
      .then((res) => !cancelled && setCustomer(res.customer))
      .catch(
        (err) =>
          !cancelled && setCustomerError(tRef.current('customerLoadFailed', { reason: errorText(tRef.current, err) })),
      )
      .finally(() => !cancelled && setCustomerLoading(false));
    return () => {
      cancelled = true;
    };
  }, [key, signedIn]);

  const openCustomer = (c: AgentCustomer) => {
    setView({ kind: 'customer', customerId: c.customerId, fromContact: false });
  };

  const claimed = contact !== undefined && isClaimed(contact);
  const contactPoint = contact ? contactPointOf(contact) : undefined;
  const ownerLabel =
    customer?.name ??
    (view?.kind === 'contact-point'
      ? 'email' in view.contactPoint
        ? view.contactPoint.email
        : view.contactPoint.phone
      : '');

  return (
    <AppText.Provider value={text}>
      <main className="agent-app">
        <SpaceBetween size="l">
          <Header
            variant="h1"
            description={
              me
                ? t('signedInAs', {
                    name: me.agent.displayName ?? me.agent.username,
                    role: me.agent.role === 'supervisor' ? t('roleSupervisor') : t('roleAgent'),
                  })
                : undefined
            }
            actions={
              <SpaceBetween size="xs" direction="horizontal" alignItems="center">
                <SegmentedControl
                  label={t('language')}
                  selectedId={locale}
                  onChange={(e) => setLocale(e.detail.selectedId as Locale)}
                  options={[
                    { id: 'ja-JP', text: t('languageJa') },
                    { id: 'en-US', text: t('languageEn') },
                  ]}
                />
                {me && <Button onClick={signOut}>{t('signOut')}</Button>}
              </SpaceBetween>
            }
          >
            {t('appTitle')}
          </Header>
          <LiveRegion hidden>{announcement}</LiveRegion>
          {!me ? (
            config.auth.mode === 'local' ? (
              <LocalSignIn agents={config.auth.agents} onSignIn={signInLocal} error={signInError} />
            ) : (
              <CognitoSignIn onSignIn={signInCognito} error={signInError} />
            )
          ) : (
            <>
              {!contact && !view && (
                <Container header={<Header variant="h2">{t('waitingTitle')}</Header>}>
                  <Box>{t('waitingBody')}</Box>
                </Container>
              )}
              {(contact || view) && (
                <CustomerCard
                  contact={contact}
                  contactEnded={ended}
                  customer={customer}
                  loading={customerLoading}
                  error={customerError}
                  confirmedBy={linkedBy}
                  openedFromSearch={view?.kind === 'customer' && !view.fromContact && !linkedBy}
                />
              )}
              {claimed && contact && (
                <LinkPanel
                  key={contact.contactId}
                  api={api}
                  sourceId={claimedSourceId(contact, timeline.items)}
                  claimed={searchPrefill(contact)}
                  claimedName={displayName(contact)}
                  agentName={me.agent.displayName ?? me.agent.username}
                  contactId={contact.contactId}
                  onLinked={(res) => {
                    setLinkedBy(res.interaction.agent ?? me.agent.displayName ?? me.agent.username);
                    setView({ kind: 'customer', customerId: res.customer.customerId, fromContact: false });
                  }}
                />
              )}
              {view && (
                <Timeline
                  state={timeline}
                  ownerLabel={ownerLabel}
                  dispositions={me.dispositions}
                  onMore={() => void loadPage(timeline.cursor)}
                  onRetry={() => void loadPage(timeline.loaded ? timeline.cursor : undefined)}
                />
              )}
              {contact && (
                <WrapUpForm
                  api={api}
                  contact={contact}
                  customer={customer}
                  contactPoint={customer ? undefined : contactPoint}
                  dispositions={me.dispositions}
                  onSaved={(res) => {
                    if (key) dispatch({ type: 'upsert', owner: key, item: res.interaction });
                    if (res.customer) setCustomer(res.customer);
                  }}
                />
              )}
              {customer && (
                <InquiryStatusControl key={customer.customerId} api={api} customer={customer} onChanged={setCustomer} />
              )}
              {signInError && <Alert type="error">{signInError}</Alert>}
              <SearchPanel
                api={api}
                contactId={contactId}
                mode="open"
                prefill={contact && contactOwner(contact).kind !== 'customer' ? searchPrefill(contact) : undefined}
                onChoose={openCustomer}
                testId="search"
              />
            </>
          )}
        </SpaceBetween>
      </main>
    </AppText.Provider>
  );
}

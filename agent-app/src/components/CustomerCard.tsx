import Alert from '@cloudscape-design/components/alert';
import Badge from '@cloudscape-design/components/badge';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import type { ReactNode } from 'react';
import type { AgentCustomer } from '../../../lambdas/shared/agent/contract';
import type { AgentContact } from '../contact/contact-provider';
import { contactIdentityWord, displayName, isClaimed, ivrSteps, shownEndpoint } from '../logic/contact-view';
import { channelWord, inquiryStatusWord, languageWord, nameKanaOf, tierWord } from '../logic/words';
import { useText } from './context';

export interface CustomerCardProps {
  contact?: AgentContact;
  contactEnded: boolean;
  customer?: AgentCustomer;
  loading: boolean;
  error?: string;
  /** The agent who confirmed a claimed contact on this screen. */
  confirmedBy?: string;
  /** The customer was opened from search, not identified from the contact. */
  openedFromSearch?: boolean;
}

/**
 * The screen pop: who this is (as far as we know, and how sure), on which channel and queue, and what
 * they did in the IVR. Filled at once from the contact's attributes, then from the customer record.
 */
export function CustomerCard({
  contact,
  contactEnded,
  customer,
  loading,
  error,
  confirmedBy,
  openedFromSearch,
}: CustomerCardProps) {
  const { t } = useText();
  const a = contact?.attributes ?? {};
  const claimed = contact ? isClaimed(contact) && !confirmedBy : false;
  const name = customer?.name ?? (contact ? displayName(contact) : undefined) ?? t('unknownCaller');
  const tier = customer?.tier ?? (a.tier || undefined);
  const language = customer?.language ?? (a.language || undefined);
  const latest = customer?.latestInquiry;
  const latestStatus = latest?.status ?? (a.latestInquiryStatus || undefined);
  const items: { label: string; value: ReactNode }[] = [
    {
      label: t('fieldName'),
      value: claimed ? (
        <>
          {name} <Badge color="severity-medium">{t('identityClaimedShort')}</Badge>
        </>
      ) : (
        name
      ),
    },
  ];
  const kana = customer ? nameKanaOf(customer) : undefined;
  if (kana) items.push({ label: t('fieldNameKana'), value: kana });
  if (customer) items.push({ label: t('fieldCustomerId'), value: customer.customerId });
  items.push({
    label: t('fieldTier'),
    value: tier ? <Badge color={tierColor(tier)}>{tierWord(t, tier)}</Badge> : t('notSet'),
  });
  items.push({ label: t('fieldLanguage'), value: languageWord(t, language) ?? t('notSet') });
  if (contact) {
    items.push({
      label: t('fieldIdentity'),
      value: (
        <StatusIndicator type={a.identity === 'verified' || confirmedBy ? 'success' : 'warning'}>
          {confirmedBy ? t('identityAgentConfirmed', { agent: confirmedBy }) : contactIdentityWord(t, contact)}
        </StatusIndicator>
      ),
    });
    items.push({ label: t('fieldChannel'), value: channelWord(t, contact.channel) ?? contact.channel });
    items.push({ label: t('fieldQueue'), value: contact.queue ?? t('none') });
    if (contact.customerEndpoint) {
      items.push({ label: t('fieldContactPoint'), value: shownEndpoint(contact.customerEndpoint, customer) });
    }
    const steps = ivrSteps(t, contact);
    if (contact.channel === 'VOICE' || steps.length > 0) {
      items.push({
        label: t('fieldIvr'),
        value:
          steps.length > 0 ? (
            <ul className="agent-app-plain-list">
              {steps.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ul>
          ) : (
            t('ivrNothing')
          ),
      });
    }
  }
  if (customer) {
    if (customer.phonesNational.length > 0)
      items.push({ label: t('fieldPhones'), value: customer.phonesNational.join(', ') });
    if (customer.email) items.push({ label: t('fieldEmail'), value: customer.email });
  }
  items.push({
    label: t('fieldLatestInquiry'),
    value: latest
      ? `${latest.subject} — ${inquiryStatusWord(t, latest.status)}`
      : latestStatus
        ? (inquiryStatusWord(t, latestStatus) ?? latestStatus)
        : t('none'),
  });
  return (
    <div data-testid="customer-card">
      <Container
        header={
          <Header
            variant="h2"
            description={
              [openedFromSearch ? t('cardOpenedFromSearch') : '', contactEnded ? t('cardContactEnded') : '']
                .filter(Boolean)
                .join(' / ') || undefined
            }
          >
            {t('cardTitle')}: {name}
          </Header>
        }
      >
        <SpaceBetween size="s">
          {loading && <StatusIndicator type="loading">{t('loading')}</StatusIndicator>}
          {error && <Alert type="error">{error}</Alert>}
          <KeyValuePairs columns={3} items={items} />
        </SpaceBetween>
      </Container>
    </div>
  );
}

function tierColor(tier: string): 'grey' | 'blue' | 'severity-low' {
  if (tier === 'platinum') return 'blue';
  if (tier === 'gold') return 'severity-low';
  return 'grey';
}

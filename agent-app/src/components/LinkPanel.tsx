import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import RadioGroup from '@cloudscape-design/components/radio-group';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useState } from 'react';
import type { AgentCustomer, LinkRequest, LinkResponse } from '../../../lambdas/shared/agent/contract';
import type { Language, Tier } from '../../../lambdas/shared/customer-data/model';
import { type AgentApi, ApiError } from '../api/api-client';
import { formErrorText } from '../api/error-words';
import { formatDateTime } from '../logic/format';
import { languageWord, tierWord } from '../logic/words';
import { useText } from './context';
import { SearchPanel } from './SearchPanel';

export interface LinkPanelProps {
  api: AgentApi;
  /** The claimed contact's history entry. */
  sourceId: string | undefined;
  /** What the customer claimed (email or phone), shown and used to pre-fill the search. */
  claimed: string;
  claimedName?: string;
  agentName: string;
  /** The claimed contact's id (access trail of the search). */
  contactId: string;
  onLinked: (response: LinkResponse) => void;
}

const TIERS: Tier[] = ['standard', 'gold', 'platinum'];
const LANGUAGES: Language[] = ['ja-JP', 'en-US'];

/**
 * A claimed contact: after verifying the caller verbally the agent confirms it as an existing customer's
 * or registers a new customer from it; the API records who and when.
 */
export function LinkPanel({ api, sourceId, claimed, claimedName, agentName, contactId, onLinked }: LinkPanelProps) {
  const { t, locale, timeZone } = useText();
  const [mode, setMode] = useState<'existing' | 'new'>('existing');
  const [picked, setPicked] = useState<AgentCustomer | undefined>();
  const [verification, setVerification] = useState('');
  const [name, setName] = useState(claimedName ?? '');
  const [nameKana, setNameKana] = useState('');
  const [tier, setTier] = useState<Tier>('standard');
  const [language, setLanguage] = useState<Language>(locale);
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();

  const submit = async () => {
    setError(undefined);
    const next: Record<string, string> = {};
    if (!verification.trim()) next.verification = t('linkVerificationRequired');
    if (mode === 'new' && !name.trim()) next.name = t('linkNameRequired');
    if (mode === 'existing' && !picked) next.customer = t('linkPickCustomer');
    setErrors(next);
    if (Object.keys(next).length > 0 || !sourceId) return;
    const target: LinkRequest['target'] =
      mode === 'existing'
        ? { customerId: picked!.customerId }
        : {
            newCustomer: {
              name: name.trim(),
              ...(nameKana.trim() ? { nameKana: nameKana.trim() } : {}),
              tier,
              language,
            },
          };
    setSaving(true);
    try {
      const res = await api.link({ sourceId, target, verification: verification.trim() });
      const at = formatDateTime(res.interaction.at, timeZone, locale);
      const who = res.interaction.agent ?? agentName;
      setDone(
        res.newCustomer
          ? t('linkDoneNew', { agent: who, at, name: res.customer.name })
          : t('linkDone', { agent: who, at, name: res.customer.name }),
      );
      onLinked(res);
    } catch (err) {
      if (err instanceof ApiError) {
        const fieldErrors: Record<string, string> = {};
        const v = err.issueFor('verification');
        if (v) fieldErrors.verification = v;
        const n = err.issueFor('target.newCustomer.name');
        if (n) fieldErrors.name = n;
        const k = err.issueFor('target.newCustomer.nameKana');
        if (k) fieldErrors.nameKana = k;
        const c = err.issueFor('target.customerId');
        if (c) fieldErrors.customer = c;
        setErrors(fieldErrors);
      }
      setError(
        formErrorText(t, err, [
          'verification',
          'target.newCustomer.name',
          'target.newCustomer.nameKana',
          'target.customerId',
        ]),
      );
    } finally {
      setSaving(false);
    }
  };

  const tierOptions = TIERS.map((x) => ({ value: x, label: tierWord(t, x) ?? x }));
  const languageOptions = LANGUAGES.map((x) => ({ value: x, label: languageWord(t, x) ?? x }));

  return (
    <div data-testid="link-panel">
      <Container header={<Header variant="h2">{done ? t('linkTitleDone') : t('linkTitle')}</Header>}>
        <SpaceBetween size="m">
          {!done && (
            <Alert type="warning">
              <SpaceBetween size="xxs">
                <Box>{t('linkIntro')}</Box>
                <Box>{t('linkClaimed', { contact: claimed || t('none') })}</Box>
              </SpaceBetween>
            </Alert>
          )}
          {done ? (
            <Alert type="success" data-testid="link-done">
              {done}
            </Alert>
          ) : !sourceId ? (
            <Alert type="error">{t('linkNoSource')}</Alert>
          ) : (
            <>
              <FormField label={t('linkMode')} controlId="link-mode">
                <RadioGroup
                  controlId="link-mode"
                  value={mode}
                  onChange={(e) => setMode(e.detail.value as 'existing' | 'new')}
                  items={[
                    { value: 'existing', label: t('linkChooseExisting') },
                    { value: 'new', label: t('linkChooseNew') },
                  ]}
                />
              </FormField>
              {mode === 'existing' ? (
                <SpaceBetween size="s">
                  <SearchPanel
                    api={api}
                    prefill={claimed}
                    mode="pick"
                    onChoose={setPicked}
                    embedded
                    contactId={contactId}
                  />
                  {picked ? (
                    <Box>{t('linkSelected', { name: picked.name, id: picked.customerId })}</Box>
                  ) : (
                    errors.customer && <Alert type="error">{errors.customer}</Alert>
                  )}
                </SpaceBetween>
              ) : (
                <SpaceBetween size="s">
                  <FormField label={t('linkNewName')} errorText={errors.name} controlId="link-new-name">
                    <Input controlId="link-new-name" value={name} onChange={(e) => setName(e.detail.value)} />
                  </FormField>
                  <FormField label={t('linkNewNameKana')} errorText={errors.nameKana} controlId="link-new-kana">
                    <Input controlId="link-new-kana" value={nameKana} onChange={(e) => setNameKana(e.detail.value)} />
                  </FormField>
                  <FormField label={t('linkNewTier')} controlId="link-new-tier">
                    <Select
                      controlId="link-new-tier"
                      selectedOption={tierOptions.find((o) => o.value === tier) ?? null}
                      options={tierOptions}
                      onChange={(e) => setTier(e.detail.selectedOption.value as Tier)}
                    />
                  </FormField>
                  <FormField label={t('linkNewLanguage')} controlId="link-new-language">
                    <Select
                      controlId="link-new-language"
                      selectedOption={languageOptions.find((o) => o.value === language) ?? null}
                      options={languageOptions}
                      onChange={(e) => setLanguage(e.detail.selectedOption.value as Language)}
                    />
                  </FormField>
                </SpaceBetween>
              )}
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  void submit();
                }}
              >
                <SpaceBetween size="s">
                  <FormField
                    label={t('linkVerification')}
                    description={t('linkVerificationHint')}
                    errorText={errors.verification}
                    controlId="link-verification"
                  >
                    <Input
                      controlId="link-verification"
                      value={verification}
                      onChange={(e) => setVerification(e.detail.value)}
                    />
                  </FormField>
                  {error && <Alert type="error">{error}</Alert>}
                  <Button variant="primary" formAction="submit" loading={saving} data-testid="link-submit">
                    {mode === 'existing' ? t('linkSubmitExisting') : t('linkSubmitNew')}
                  </Button>
                </SpaceBetween>
              </form>
            </>
          )}
        </SpaceBetween>
      </Container>
    </div>
  );
}

import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import { useEffect, useId, useState } from 'react';
import type { AgentCustomer, SearchResponse } from '../../../lambdas/shared/agent/contract';
import type { AgentApi } from '../api/api-client';
import { errorText } from '../api/error-words';
import type { MessageKey } from '../i18n';
import { classifySearch, type SearchKind } from '../logic/search-input';
import { nameKanaOf, tierWord } from '../logic/words';
import { useText } from './context';

const KIND_WORD: Record<SearchKind, MessageKey> = {
  phone: 'searchKindPhone',
  email: 'searchKindEmail',
  name: 'searchKindName',
};

export interface SearchPanelProps {
  api: AgentApi;
  /** What the box starts with (an unknown caller's number). */
  prefill?: string;
  /** `open` shows the customer; `pick` chooses it (the link panel). */
  mode: 'open' | 'pick';
  onChoose: (customer: AgentCustomer) => void;
  /** Rendered inside another panel: no container of its own. */
  embedded?: boolean;
  testId?: string;
  /** The contact being handled (access trail). */
  contactId?: string;
}

/** One box for phone (any format), email, or name in kanji or kana; results capped by the API. */
export function SearchPanel({ api, prefill, mode, onChoose, embedded, testId, contactId }: SearchPanelProps) {
  const { t } = useText();
  const inputId = useId();
  const [text, setText] = useState(prefill ?? '');
  const [result, setResult] = useState<SearchResponse | undefined>();
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [emptyError, setEmptyError] = useState<string | undefined>();

  useEffect(() => {
    setText(prefill ?? '');
    setResult(undefined);
  }, [prefill]);

  const query = classifySearch(text);
  const search = async () => {
    setError(undefined);
    if (query.kind === 'empty') {
      setEmptyError(t('searchEmpty'));
      return;
    }
    setEmptyError(undefined);
    setSearching(true);
    try {
      setResult(await api.search(query.q, contactId));
    } catch (err) {
      setResult(undefined);
      setError(t('searchFailed', { reason: errorText(t, err) }));
    } finally {
      setSearching(false);
    }
  };

  const body = (
    <SpaceBetween size="m">
      <search>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void search();
          }}
        >
          <SpaceBetween size="xs" direction="horizontal" alignItems="end">
            <FormField
              label={t('searchLabel')}
              controlId={inputId}
              errorText={emptyError}
              description={query.kind === 'empty' ? undefined : t(KIND_WORD[query.kind])}
            >
              <Input
                controlId={inputId}
                type="search"
                clearAriaLabel={t('searchClear')}
                value={text}
                placeholder={t('searchPlaceholder')}
                onChange={(e) => setText(e.detail.value)}
              />
            </FormField>
            <Button formAction="submit" loading={searching}>
              {t('searchButton')}
            </Button>
          </SpaceBetween>
        </form>
      </search>
      {error && <Alert type="error">{error}</Alert>}
      {result?.truncated && (
        <Alert type="warning" data-testid="search-truncated">
          {t('searchTruncated', { count: result.customers.length })}
        </Alert>
      )}
      {result && (
        <Table<AgentCustomer>
          variant="embedded"
          trackBy="customerId"
          items={result.customers}
          ariaLabels={{ tableLabel: t('searchResultsCount', { count: result.customers.length }) }}
          empty={<Box textAlign="center">{t('searchNoResults')}</Box>}
          columnDefinitions={[
            { id: 'name', header: t('fieldName'), cell: (c) => c.name },
            { id: 'kana', header: t('fieldNameKana'), cell: (c) => nameKanaOf(c) ?? '—' },
            { id: 'id', header: t('fieldCustomerId'), cell: (c) => c.customerId },
            { id: 'phones', header: t('fieldPhones'), cell: (c) => c.phonesNational.join(', ') || '—' },
            { id: 'email', header: t('fieldEmail'), cell: (c) => c.email ?? '—' },
            { id: 'tier', header: t('fieldTier'), cell: (c) => tierWord(t, c.tier) ?? '—' },
            {
              id: 'action',
              header: t('searchColumnAction'),
              cell: (c) => (
                <Button
                  variant={mode === 'pick' ? 'normal' : 'inline-link'}
                  ariaLabel={t(mode === 'pick' ? 'searchPickLabel' : 'searchOpenLabel', { name: c.name })}
                  onClick={() => onChoose(c)}
                >
                  {t(mode === 'pick' ? 'searchPick' : 'searchOpen')}
                </Button>
              ),
            },
          ]}
        />
      )}
    </SpaceBetween>
  );
  return (
    <div data-testid={testId}>
      {embedded ? body : <Container header={<Header variant="h2">{t('searchTitle')}</Header>}>{body}</Container>}
    </div>
  );
}

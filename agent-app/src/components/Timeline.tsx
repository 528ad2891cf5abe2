import Alert from '@cloudscape-design/components/alert';
import Badge from '@cloudscape-design/components/badge';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Header from '@cloudscape-design/components/header';
import Table from '@cloudscape-design/components/table';
import type { Disposition } from '../../../lambdas/shared/agent/contract';
import type { Interaction } from '../../../lambdas/shared/customer-data/model';
import type { Locale, Translate } from '../i18n';
import { formatDateTime } from '../logic/format';
import { isWrapUp, type TimelineState } from '../logic/timeline-paging';
import { channelWord, identityWord, interactionStatusWord, sentimentWord } from '../logic/words';
import { useText } from './context';

export interface TimelineProps {
  state: TimelineState;
  /** Whose history, in words (the customer's name or the contact point). */
  ownerLabel: string;
  dispositions: Disposition[];
  onMore: () => void;
  onRetry: () => void;
}

/** The one history across channels, newest first, a page at a time. */
export function Timeline({ state, ownerLabel, dispositions, onMore, onRetry }: TimelineProps) {
  const { t, locale, timeZone } = useText();
  const loading = state.status === 'loading';
  return (
    <div data-testid="timeline">
      <Table<Interaction>
        variant="container"
        trackBy="sourceId"
        items={state.items}
        loading={loading && !state.loaded}
        loadingText={t('loading')}
        ariaLabels={{ tableLabel: t('timelineFor', { owner: ownerLabel }) }}
        header={
          <Header variant="h2" counter={state.loaded ? `(${state.items.length}${state.cursor ? '+' : ''})` : undefined}>
            {t('timelineTitle')}
          </Header>
        }
        empty={<Box textAlign="center">{t('timelineEmpty')}</Box>}
        wrapLines
        columnDefinitions={[
          {
            id: 'at',
            header: t('timelineColumnAt'),
            cell: (i) => <time dateTime={i.at}>{formatDateTime(i.at, timeZone, locale)}</time>,
          },
          { id: 'channel', header: t('timelineColumnChannel'), cell: (i) => channelWord(t, i.channel) ?? i.channel },
          {
            id: 'subject',
            header: t('timelineColumnSubject'),
            cell: (i) => <Subject item={i} t={t} locale={locale} dispositions={dispositions} />,
          },
          {
            id: 'status',
            header: t('timelineColumnStatus'),
            cell: (i) => interactionStatusWord(t, i.status) ?? '—',
          },
          {
            id: 'sentiment',
            header: t('timelineColumnSentiment'),
            cell: (i) => sentimentWord(t, i.sentiment) ?? t('timelineNotAnalysed'),
          },
          {
            id: 'identity',
            header: t('timelineColumnIdentity'),
            cell: (i) => {
              const word = identityWord(t, i.identity, i.verifiedBy, i.details?.linkedBy);
              if (!word) return '—';
              return <Badge color={i.identity === 'verified' ? 'green' : 'severity-medium'}>{word}</Badge>;
            },
          },
          { id: 'agent', header: t('timelineColumnAgent'), cell: (i) => i.agent ?? '—' },
        ]}
        footer={
          state.error ? (
            <Alert
              type="error"
              action={
                <Button onClick={onRetry} ariaLabel={t('retry')}>
                  {t('retry')}
                </Button>
              }
            >
              {t('timelineLoadFailed', { reason: state.error })}
            </Alert>
          ) : state.cursor ? (
            <Box textAlign="center">
              <Button onClick={onMore} loading={loading} data-testid="timeline-more">
                {t('timelineMore')}
              </Button>
            </Box>
          ) : undefined
        }
      />
    </div>
  );
}

function Subject({
  item,
  t,
  locale,
  dispositions,
}: {
  item: Interaction;
  t: Translate;
  locale: Locale;
  dispositions: Disposition[];
}) {
  if (isWrapUp(item)) {
    const id = item.details?.disposition;
    const d = dispositions.find((x) => x.id === id);
    const disposition = d ? (locale === 'en-US' ? d.en : d.ja) : (id ?? item.subject ?? '');
    const note = item.details?.note ?? item.summary;
    return (
      <Box>
        <Box fontWeight="bold">{t('timelineWrapUp', { disposition })}</Box>
        {note && <Box variant="p">{note}</Box>}
      </Box>
    );
  }
  return (
    <Box>
      {item.subject && <Box fontWeight="bold">{item.subject}</Box>}
      {item.summary && item.summary !== item.subject && <Box variant="small">{item.summary}</Box>}
      {!item.subject && !item.summary && '—'}
    </Box>
  );
}

import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ExpandableSection from '@cloudscape-design/components/expandable-section';
import FormField from '@cloudscape-design/components/form-field';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useState } from 'react';
import type { AgentCustomer } from '../../../lambdas/shared/agent/contract';
import type { InquiryStatus } from '../../../lambdas/shared/customer-data/model';
import type { AgentApi } from '../api/api-client';
import { errorText } from '../api/error-words';
import { INQUIRY_STATUS_CODES, inquiryStatusWord } from '../logic/words';
import { useText } from './context';

/** Changes the customer's latest inquiry's status on its own (outside a wrap-up). */
export function InquiryStatusControl(props: {
  api: AgentApi;
  customer: AgentCustomer;
  onChanged: (customer: AgentCustomer) => void;
}) {
  const { t } = useText();
  const inquiry = props.customer.latestInquiry;
  const [status, setStatus] = useState<InquiryStatus | undefined>(inquiry?.status);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<{ type: 'success' | 'error'; text: string } | undefined>();
  const options = INQUIRY_STATUS_CODES.map((s) => ({ value: s, label: inquiryStatusWord(t, s) ?? s }));

  const submit = async () => {
    if (!inquiry || !status) return;
    setSaving(true);
    setMessage(undefined);
    try {
      const res = await props.api.setLatestInquiryStatus(props.customer.customerId, { inquiryId: inquiry.id, status });
      setMessage({
        type: 'success',
        text: t('inquiryControlSaved', { status: inquiryStatusWord(t, status) ?? status }),
      });
      props.onChanged(res.customer);
    } catch (err) {
      setMessage({ type: 'error', text: errorText(t, err) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <div data-testid="inquiry-status">
      <ExpandableSection variant="container" headerText={t('inquiryControlTitle')} headingTagOverride="h2">
        {!inquiry ? (
          <Box>{t('inquiryControlNone')}</Box>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <SpaceBetween size="m">
              <Box>
                {t('inquiryControlCurrent', {
                  subject: inquiry.subject,
                  status: inquiryStatusWord(t, inquiry.status) ?? inquiry.status,
                })}
              </Box>
              <FormField label={t('inquiryControlStatus')} controlId="inquiry-status-select">
                <Select
                  controlId="inquiry-status-select"
                  selectedOption={options.find((o) => o.value === status) ?? null}
                  options={options}
                  onChange={(e) => setStatus(e.detail.selectedOption.value as InquiryStatus)}
                />
              </FormField>
              {message && <Alert type={message.type}>{message.text}</Alert>}
              <Button formAction="submit" loading={saving} disabled={status === inquiry.status}>
                {t('inquiryControlSubmit')}
              </Button>
            </SpaceBetween>
          </form>
        )}
      </ExpandableSection>
    </div>
  );
}

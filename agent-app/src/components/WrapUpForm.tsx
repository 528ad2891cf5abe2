import Alert from '@cloudscape-design/components/alert';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Form from '@cloudscape-design/components/form';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Textarea from '@cloudscape-design/components/textarea';
import { useEffect, useState } from 'react';
import type { AgentCustomer, Disposition, WrapUpResponse } from '../../../lambdas/shared/agent/contract';
import type { InquiryStatus } from '../../../lambdas/shared/customer-data/model';
import { type AgentApi, ApiError } from '../api/api-client';
import { formErrorText } from '../api/error-words';
import type { AgentContact } from '../contact/contact-provider';
import { countCharacters, formatDateTime, MAX_NOTE_CHARS, noteFits } from '../logic/format';
import { INQUIRY_STATUS_CODES, inquiryStatusWord } from '../logic/words';
import { useText } from './context';

export interface WrapUpFormProps {
  api: AgentApi;
  contact: AgentContact;
  /** The customer the contact is recorded for (identified, or opened by the agent from search). */
  customer?: AgentCustomer;
  /** Otherwise the contact point it is kept under. */
  contactPoint?: { email: string } | { phone: string };
  dispositions: Disposition[];
  onSaved: (response: WrapUpResponse) => void;
}

/** This contact's agent entry in the history: an outcome, a note, and optionally the inquiry's new status. */
export function WrapUpForm({ api, contact, customer, contactPoint, dispositions, onSaved }: WrapUpFormProps) {
  const { t, locale, timeZone } = useText();
  const [disposition, setDisposition] = useState<string | undefined>();
  const [note, setNote] = useState('');
  const [status, setStatus] = useState<InquiryStatus | undefined>();
  const [saving, setSaving] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState<string | undefined>();

  // A new contact starts a fresh form.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the contact changes
  useEffect(() => {
    setDisposition(undefined);
    setNote('');
    setStatus(undefined);
    setFieldErrors({});
    setError(undefined);
    setSaved(undefined);
  }, [contact.contactId]);

  const dispositionOptions = dispositions.map((d) => ({ value: d.id, label: locale === 'en-US' ? d.en : d.ja }));
  const statusOptions = [
    { value: '', label: t('wrapUpInquiryStatusUnchanged') },
    ...INQUIRY_STATUS_CODES.map((s) => ({ value: s, label: inquiryStatusWord(t, s) ?? s })),
  ];
  const chars = countCharacters(note);
  const tooLong = !noteFits(note, MAX_NOTE_CHARS);
  const noOwner = !customer && !contactPoint;

  const submit = async () => {
    setSaved(undefined);
    setError(undefined);
    const errors: Record<string, string> = {};
    if (!disposition) errors.disposition = t('wrapUpRequired');
    if (tooLong) errors.note = t('wrapUpNoteTooLong', { max: MAX_NOTE_CHARS });
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0 || !disposition || noOwner) return;
    setSaving(true);
    try {
      const response = await api.wrapUp(contact.contactId, {
        ...(customer ? { customerId: customer.customerId } : { contactPoint }),
        channel: contact.channel,
        disposition,
        ...(note.trim() ? { note } : {}),
        ...(status && customer ? { inquiryStatus: status } : {}),
      });
      const at = formatDateTime(response.interaction.at, timeZone, locale);
      setSaved(response.replaced ? t('wrapUpReplaced', { at }) : t('wrapUpSaved', { at }));
      onSaved(response);
    } catch (err) {
      const next: Record<string, string> = {};
      if (err instanceof ApiError) {
        for (const field of ['disposition', 'note', 'inquiryStatus']) {
          const reason = err.issueFor(field);
          if (reason) next[field] = reason;
        }
      }
      setFieldErrors(next);
      setError(formErrorText(t, err, Object.keys(next)));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div data-testid="wrap-up">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Form
          header={<Header variant="h2">{t('wrapUpTitle')}</Header>}
          actions={
            <Button variant="primary" formAction="submit" loading={saving} disabled={noOwner}>
              {t('wrapUpSubmit')}
            </Button>
          }
          errorText={error}
        >
          <Container>
            <SpaceBetween size="m">
              {noOwner && <Alert type="info">{t('wrapUpNoOwner')}</Alert>}
              <FormField
                label={t('wrapUpDisposition')}
                errorText={fieldErrors.disposition}
                controlId="wrap-up-disposition"
              >
                <Select
                  controlId="wrap-up-disposition"
                  selectedOption={dispositionOptions.find((o) => o.value === disposition) ?? null}
                  options={dispositionOptions}
                  placeholder={t('wrapUpDispositionPlaceholder')}
                  onChange={(e) => setDisposition(e.detail.selectedOption.value)}
                />
              </FormField>
              <FormField
                label={t('wrapUpNote')}
                errorText={fieldErrors.note}
                constraintText={t('wrapUpNoteCounter', { count: chars, max: MAX_NOTE_CHARS })}
                controlId="wrap-up-note"
              >
                <Textarea
                  controlId="wrap-up-note"
                  value={note}
                  rows={4}
                  invalid={tooLong}
                  onChange={(e) => setNote(e.detail.value)}
                />
              </FormField>
              {customer?.latestInquiry && (
                <FormField
                  label={t('wrapUpInquiryStatus')}
                  description={customer.latestInquiry.subject}
                  errorText={fieldErrors.inquiryStatus}
                  controlId="wrap-up-inquiry-status"
                >
                  <Select
                    controlId="wrap-up-inquiry-status"
                    selectedOption={statusOptions.find((o) => o.value === (status ?? '')) ?? null}
                    options={statusOptions}
                    onChange={(e) =>
                      setStatus((e.detail.selectedOption.value || undefined) as InquiryStatus | undefined)
                    }
                  />
                </FormField>
              )}
              {saved && (
                <Alert type="success" data-testid="wrap-up-saved">
                  {saved}
                </Alert>
              )}
            </SpaceBetween>
          </Container>
        </Form>
      </form>
    </div>
  );
}

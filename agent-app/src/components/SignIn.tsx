import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useState } from 'react';
import type { AgentPrincipal } from '../../../lambdas/shared/agent/contract';
import { useText } from './context';

/** Local console: pick one of the configured agents. */
export function LocalSignIn(props: {
  agents: AgentPrincipal[];
  onSignIn: (agent: AgentPrincipal) => void;
  error?: string;
}) {
  const { t } = useText();
  const [selected, setSelected] = useState<string | undefined>(props.agents[0]?.username);
  const options = props.agents.map((a) => ({
    value: a.username,
    label: a.displayName ? `${a.displayName} (${a.username})` : a.username,
    description: a.role === 'supervisor' ? t('roleSupervisor') : t('roleAgent'),
  }));
  const chosen = options.find((o) => o.value === selected) ?? null;
  const submit = () => {
    const agent = props.agents.find((a) => a.username === selected);
    if (agent) props.onSignIn(agent);
  };
  return (
    <Container header={<Header variant="h2">{t('signInTitle')}</Header>}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <SpaceBetween size="m">
          <Box>{t('signInLocalHint')}</Box>
          <FormField label={t('signInLocalAgent')} controlId="local-agent">
            <Select
              controlId="local-agent"
              selectedOption={chosen}
              options={options}
              placeholder={t('signInLocalPlaceholder')}
              onChange={(e) => setSelected(e.detail.selectedOption.value)}
            />
          </FormField>
          {props.error && <Alert type="error">{props.error}</Alert>}
          <Button variant="primary" formAction="submit" disabled={!chosen} data-testid="sign-in">
            {t('signInButton')}
          </Button>
        </SpaceBetween>
      </form>
    </Container>
  );
}

/** AWS: Cognito's managed login in a popup. */
export function CognitoSignIn(props: { onSignIn: () => Promise<void>; error?: string }) {
  const { t } = useText();
  const [pending, setPending] = useState(false);
  return (
    <Container header={<Header variant="h2">{t('signInTitle')}</Header>}>
      <SpaceBetween size="m">
        <Box>{t('signInIntro')}</Box>
        {props.error && <Alert type="error">{props.error}</Alert>}
        {pending && <Box>{t('signInPending')}</Box>}
        <Button
          variant="primary"
          loading={pending}
          onClick={() => {
            setPending(true);
            props.onSignIn().finally(() => setPending(false));
          }}
        >
          {t('signInButton')}
        </Button>
      </SpaceBetween>
    </Container>
  );
}

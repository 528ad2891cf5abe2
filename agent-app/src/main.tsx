import '@cloudscape-design/global-styles/index.css';
import Alert from '@cloudscape-design/components/alert';
import Badge from '@cloudscape-design/components/badge';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Form from '@cloudscape-design/components/form';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import Modal from '@cloudscape-design/components/modal';
import Pagination from '@cloudscape-design/components/pagination';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import Tabs from '@cloudscape-design/components/tabs';
import Textarea from '@cloudscape-design/components/textarea';
import { createRoot } from 'react-dom/client';

// Placeholder to size the bundle; the app replaces it.
function App() {
  return (
    <Container header={<Header>お客様</Header>}>
      <SpaceBetween size="s">
        <Box>x</Box>
        <Button>b</Button>
        <KeyValuePairs items={[]} />
        <Table items={[]} columnDefinitions={[]} />
        <FormField label="a">
          <Select selectedOption={null} options={[]} />
        </FormField>
        <Textarea value="" onChange={() => {}} />
        <Input value="" onChange={() => {}} />
        <Modal visible={false}>m</Modal>
        <Alert>a</Alert>
        <Badge>b</Badge>
        <StatusIndicator>s</StatusIndicator>
        <Pagination currentPageIndex={1} pagesCount={1} />
        <Tabs tabs={[]} />
        <Form>f</Form>
      </SpaceBetween>
    </Container>
  );
}
createRoot(document.getElementById('root')!).render(<App />);

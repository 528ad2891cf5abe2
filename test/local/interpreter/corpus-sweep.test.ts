import { REFUSED_ACTION_TYPES } from '../../../local/interpreter';
import { corpusFlows } from './corpus';
import { repositoryOf, type SweepRow, summary, sweep } from './sweep';

/**
 * Every real-world and acme export run through the interpreter as the contact its type says (see
 * sweep.ts for the stand-in instance). No export may crash the interpreter or stop it on an action it
 * does not name; each one ends in the outcome recorded here, which docs/local-interpreter.md tabulates.
 */
const flows = [...corpusFlows('acme'), ...corpusFlows('real-world')];

const EXPECTED: Record<string, string> = {
  'acme/acme_agent_whisper_AUTO.json': 'connected',
  'acme/acme_contact_flow_module_AUTO.json': 'disconnected',
  'acme/acme_customer_queue_AUTO.json': 'queued',
  'acme/acme_customer_whisper_AUTO.json': 'connected',
  'acme/acme_hold_AUTO.json': 'held',
  'acme/acme_main_AUTO.json': 'disconnected',
  'acme/acme_outbound_flow1_AUTO.json': 'connected',
  'acme/acme_outbound_flow2_AUTO.json': 'connected',
  'acme/acme_queue_transfer_AUTO.json': 'queued',
  'real-world/sample-cdk-constructs-for-amazon-connect/inbound-contact-flow.json': 'refused CreateWisdomSession',
  'real-world/sample-cdk-constructs-for-amazon-connect/customer-queue-flow.json': 'queued',
  'real-world/sample-cdk-constructs-for-amazon-connect/agent-whisper-flow.json': 'connected',
  'real-world/amazon-connect-gitlab-cicd-terraform/disconnectParticipant.json': 'disconnected',
  'real-world/amazon-connect-gitlab-cicd-terraform/endFlowExecution_whisper.json': 'connected',
  'real-world/amazon-connect-gitlab-cicd-terraform/endFlowModuleExecution.json': 'disconnected',
  'real-world/amazon-connect-gitlab-cicd-terraform/messageParticipantIteratively_holds.json': 'held',
  'real-world/amazon-connect-salesforce-scv/AWSSCVAgentWhisper.json': 'connected',
  'real-world/amazon-connect-salesforce-scv/AWSSCVAgentWhisperWithStreaming.json': 'connected',
  'real-world/amazon-connect-salesforce-scv/AWS_Sample_SCV_Agent_Transfer.json': 'refused UpdateContactTargetQueue',
  'real-world/amazon-connect-salesforce-scv/AWS_Sample_SCV_Inbound.json': 'disconnected',
  'real-world/amazon-connect-salesforce-scv/AWS_Sample_SCV_Inbound_Flow_with_Transcription.json': 'disconnected',
  'real-world/amazon-connect-salesforce-scv/AWS_Sample_SCV_Outbound_Flow_with_Transcription.json': 'connected',
  'real-world/amazon-connect-salesforce-scv/AWS_Sample_SCV_Queue_Transfer.json': 'queued',
  'real-world/amazon-connect-salesforce-scv/AWS_Sample_SCV_REST_Example.json': 'queued',
  'real-world/amazon-connect-salesforce-scv/awsscv_ddr_flow.json': 'invalid',
  'real-world/amazon-connect-salesforce-scv/VMXCoreFlow.json': 'disconnected',
  'real-world/amazon-connect-salesforce-scv/VMXExampleTaskFlow.json': 'queued',
  'real-world/amazon-connect-salesforce-scv/VMXAWSTestFlow.json': 'disconnected',
  'real-world/amazon-connect-salesforce-scv/VMXSFDCTestFlow.json': 'disconnected',
  'real-world/amazon-connect-step-by-step-guides-module-library/AgentWorkspace_SBSGuides_Example_AgentWorkspace_Guide.json':
    'disconnected',
  'real-world/amazon-connect-step-by-step-guides-module-library/AgentWorkspace_SBSGuides_Example_AgentWorkspace_Handler.json':
    'refused StartVoiceIdStream',
  'real-world/amazon-connect-step-by-step-guides-module-library/BackendIntegration_SBSGuides_Example_Backend_Guide.json':
    'disconnected',
  'real-world/amazon-connect-step-by-step-guides-module-library/BackendIntegration_SBSGuides_Example_Backend_Handler.json':
    'queued',
  'real-world/amazon-connect-step-by-step-guides-module-library/Cards_SBSGuides_Example_Cards_Guide.json':
    'disconnected',
  'real-world/amazon-connect-step-by-step-guides-module-library/Cards_SBSGuides_Example_Cards_Handler.json':
    'disconnected',
  'real-world/amazon-connect-step-by-step-guides-module-library/ContactAttributesAndStyling_SBSGuides_Example_Contact_Attributes_And_Styling_Guide.json':
    'error',
  'real-world/amazon-connect-step-by-step-guides-module-library/ContactAttributesAndStyling_SBSGuides_Example_Contact_Attributes_And_Styling_Handler.json':
    'queued',
  'real-world/amazon-connect-step-by-step-guides-module-library/CreateAndReviewTask_SBSGuides_Example_CreateAndReviewTasks_Create.json':
    'disconnected',
  'real-world/amazon-connect-step-by-step-guides-module-library/CreateAndReviewTask_SBSGuides_Examples_CreateAndReviewTask_Review.json':
    'disconnected',
  'real-world/amazon-connect-step-by-step-guides-module-library/CreateAndReviewTask_handlerFlow.json': 'disconnected',
  'real-world/amazon-connect-step-by-step-guides-module-library/DispositionCodes_contactFlow.json': 'disconnected',
  'real-world/amazon-connect-step-by-step-guides-module-library/Financial_contactFlow.json': 'disconnected',
  'real-world/amazon-connect-step-by-step-guides-module-library/Retail_contactFlow.json': 'disconnected',
  'real-world/amazon-connect-step-by-step-guides-module-library/StartStopPauseResumeRecording_contactFlow.json':
    'disconnected',
  'real-world/amazon-connect-step-by-step-guides-module-library/Travel_contactFlow.json': 'disconnected',
  'real-world/amazon-connect-step-by-step-guides-module-library/mod_Cases_SBSGuides_Modules_Cases.json': 'disconnected',
  'real-world/amazon-connect-step-by-step-guides-module-library/mod_LambdaIntegration_viewContactFlow.json':
    'disconnected',
  'real-world/amazon-connect-step-by-step-guides-module-library/mod_LexIntegration_SBS_Lex_Integration.json':
    'disconnected',
  'real-world/amazon-connect-step-by-step-guides-module-library/mod_LexIntegration_SBS_Lex_Integration_Handler.json':
    'disconnected',
  'real-world/amazon-connect-step-by-step-guides-module-library/mod_Tasks_SBSGuides_Module_Task_Create.json':
    'disconnected',
  'real-world/amazon-connect-step-by-step-guides-module-library/mod_Tasks_SBSGuides_Module_Task_Receive.json':
    'disconnected',
  'real-world/amazon-connect-step-by-step-guides-module-library/mod_VoiceID_handlerContactFlow.json':
    'refused StartVoiceIdStream',
  'real-world/amazon-connect-step-by-step-guides-module-library/mod_VoiceID_viewContactFlow.json':
    'refused CheckVoiceId',
  'real-world/sample-amazon-connect-outbound-call/ErrorModule.json': 'disconnected',
  'real-world/sample-amazon-connect-outbound-call/GetCustomerNameModule.json': 'disconnected',
  'real-world/sample-amazon-connect-outbound-call/GetCustomerResponseModule.json': 'disconnected',
  'real-world/sample-amazon-connect-outbound-call/InitModule.json': 'disconnected',
  'real-world/sample-amazon-connect-outbound-call/OutboundCallFlow.json': 'disconnected',
  'real-world/sample-amazon-connect-outbound-call/OutboundCallWhisperer.json': 'connected',
  'real-world/amazon-connect-experience-builder/contact-flow-dtmf0.json': 'disconnected',
  'real-world/amazon-connect-experience-builder/contact-flow-hop.json': 'disconnected',
  'real-world/amazon-connect-experience-builder/contact-flow-journey.json': 'error',
  'real-world/amazon-connect-experience-builder/contact-flow-queue.json': 'queued',
  'real-world/amazon-connect-experience-builder/contact-flow-setup.json': 'disconnected',
  'real-world/amazon-connect-contact-surveys/ContactFlowModule.json': 'error',
};

describe('interpreter sweep over every exported flow (acme and real-world)', () => {
  const rows = new Map<string, SweepRow>();

  beforeAll(async () => {
    for (const f of flows) {
      const repository = flows.filter((g) => repositoryOf(g) === repositoryOf(f));
      rows.set(`${f.corpus}/${f.file}`, await sweep(f, repository));
    }
  });

  it('covers all 65 exports of both corpora', () => {
    expect([...rows.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(flows.map((f) => `${f.corpus}/${f.file}`))('%s ends in its recorded outcome', (name) => {
    const row = rows.get(name) as SweepRow;

    expect(summary(row)).toBe(EXPECTED[name]);
  });

  it('refuses only action types it names, with a reason', () => {
    for (const row of rows.values()) {
      if (row.outcome.kind !== 'refused') continue;
      expect(row.outcome.reason).toMatch(/cannot run \w+ \(.+\)$/);
      if (!Object.hasOwn(REFUSED_ACTION_TYPES, row.outcome.actionType)) {
        // A known type refused for one variant (an agent queue, an asynchronous Lambda) says which.
        expect(row.outcome.reason).not.toContain('not an action type it knows');
      }
    }
  });

  it('calls a document unreadable only where the corpus says it is invalid JSON', () => {
    for (const row of rows.values()) {
      expect(row.outcome.kind === 'invalid').toBe(row.flow.expect.startsWith('invalid JSON'));
    }
  });

  it('runs a customer-queue flow alone as a contact already in queue, never "disconnected before queued"', () => {
    for (const row of rows.values()) {
      if (row.flow.type !== 'CUSTOMER_QUEUE') continue;
      expect(row.outcome).toMatchObject({ kind: 'outcome', type: 'queued' });
      expect(row.outcome.reason).not.toContain('before the contact was queued');
    }
  });
});

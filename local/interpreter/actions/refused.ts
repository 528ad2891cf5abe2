/**
 * Action types of the flow language the interpreter refuses by name, with the reason: running them
 * locally would mean inventing what a live service decides. A flow reaching one stops with
 * UnsupportedActionError naming the type and this reason.
 */
export const REFUSED_ACTION_TYPES: Readonly<Record<string, string>> = {
  CheckVoiceId: 'Voice ID authentication needs the live voice biometrics service',
  StartVoiceIdStream: 'Voice ID streams the live call audio to the voice biometrics service',
  CreateWisdomSession: 'Amazon Q in Connect (Wisdom) sessions are not simulated',
  CompleteOutboundCall: 'placing the outbound call of an outbound whisper is not simulated',
  CheckOutboundCallStatus: 'outbound call progress (answering machine detection) is not simulated',
  TransferContactToAgent: 'the local queues count agents but hold no individual agents',
  UpdateCustomerProfile: 'profile updates are not simulated yet (Get and Create are)',
  AssociateContactToCustomerProfile: 'profile association is not simulated yet (Get and Create are)',
  UpdateCase: 'case updates are not simulated yet (Get and Create are)',
};

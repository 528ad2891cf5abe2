import { asText } from '../references';
import { type ActionFamily, fail, record } from '../run-context';

/** Contact attributes are limited to 32,768 UTF-8 bytes (keys and values) per contact. */
export const MAX_ATTRIBUTE_BYTES = 32 * 1024;

function attributeBytes(attributes: Record<string, string>): number {
  return Object.entries(attributes).reduce(
    (sum, [k, v]) => sum + Buffer.byteLength(k, 'utf8') + Buffer.byteLength(v, 'utf8'),
    0,
  );
}

/** Contact attributes (persisted on the contact, all or nothing) and flow attributes (this flow only). */
export const attributeActions: ActionFamily = {
  UpdateContactAttributes: (action, frame, run) => {
    const p = action.Parameters ?? {};
    const target = asText(p.TargetContact);
    if (target !== '' && target !== 'Current') return fail(`TargetContact "${target}" does not exist`);
    const changed: Record<string, string> = {};
    for (const [k, v] of Object.entries(record(p.Attributes))) changed[k] = run.text(v, frame);
    const merged = { ...run.s.attributes, ...changed };
    const bytes = attributeBytes(merged);
    if (bytes > MAX_ATTRIBUTE_BYTES) {
      return fail(`attributes would take ${bytes} bytes, more than ${MAX_ATTRIBUTE_BYTES}`);
    }
    run.s.attributes = merged;
    run.emit({ type: 'attributes', actionId: action.Identifier, changed });
    return { kind: 'next' };
  },
  UpdateFlowAttributes: (action, frame, run) => {
    for (const [k, v] of Object.entries(record(action.Parameters?.FlowAttributes))) {
      const value = v !== null && typeof v === 'object' ? record(v).Value : v;
      frame.flowAttributes[k] = run.text(value, frame);
    }
    return { kind: 'next' };
  },
};

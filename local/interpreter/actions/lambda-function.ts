import type { ConnectContactFlowEvent } from 'aws-lambda';
import { toNumber } from '../conditions';
import { invokeWithTimeout, lambdaContext, MAX_LAMBDA_SECONDS, validateLambdaResult } from '../lambda';
import { asText } from '../references';
import { type ActionFamily, type Frame, type RunContext, record, type Step, unsupported } from '../run-context';
import type { ContactEnvironment, FlowAction } from '../types';

const DEFAULT_LAMBDA_SECONDS = 3;

/** Synchronous Lambda calls, in-process, with Connect's time limit and response validation. */
export const lambdaActions: ActionFamily = {
  InvokeLambdaFunction: (action, frame, run) => {
    if (asText(action.Parameters?.InvocationType).toUpperCase() === 'ASYNCHRONOUS') {
      throw unsupported(action, frame, 'InvocationType ASYNCHRONOUS');
    }
    return invokeLambda(action, frame, run);
  },
};

/** The event Connect sends a Lambda: the contact as it is now, and the invocation attributes. */
export function contactEvent(run: RunContext, parameters: Record<string, string>): ConnectContactFlowEvent {
  const s = run.s;
  const queue = run.queueEntry(s.targetQueue);
  return {
    Details: {
      ContactData: {
        Attributes: { ...s.attributes },
        Channel: s.channel,
        ContactId: s.contactId,
        CustomerEndpoint: s.customerEndpoint ? { ...s.customerEndpoint } : null,
        InitialContactId: s.contactId,
        InitiationMethod: 'INBOUND',
        InstanceARN: s.env.instanceArn,
        PreviousContactId: s.contactId,
        Queue: queue ? { ARN: run.queueArn(queue[0]), Name: queue[1].name } : null,
        SystemEndpoint: s.systemEndpoint ? { ...s.systemEndpoint } : null,
        MediaStreams: { Customer: { Audio: null } },
        // Present in real events though missing from @types/aws-lambda.
        ...({ LanguageCode: s.languageCode } as object),
      },
      Parameters: parameters,
    },
    Name: 'ContactFlowEvent',
  };
}

async function invokeLambda(action: FlowAction, frame: Frame, run: RunContext): Promise<Step> {
  const s = run.s;
  const p = action.Parameters ?? {};
  const arn = run.text(p.LambdaFunctionARN, frame);
  const parameters: Record<string, string> = {};
  for (const [k, v] of Object.entries(record(p.LambdaInvocationAttributes))) parameters[k] = run.text(v, frame);
  const responseType = asText(record(p.ResponseValidation).ResponseType) === 'JSON' ? 'JSON' : 'STRING_MAP';
  const limit = Math.min(MAX_LAMBDA_SECONDS, toNumber(p.InvocationTimeLimitSeconds) ?? DEFAULT_LAMBDA_SECONDS);
  const fn = findLambda(s.env, arn);
  const started = Date.now();
  const failed = (name: string, error: string): Step => {
    s.external = {};
    s.lambdaCalls.push({ function: name, parameters, error });
    run.emit({
      type: 'lambda',
      actionId: action.Identifier,
      function: name,
      parameters,
      error,
      durationMs: Date.now() - started,
    });
    return { kind: 'error', errorType: 'NoMatchingError', detail: `Lambda ${name}: ${error}` };
  };
  if (!fn) return failed(arn, 'function not found in the environment');
  const [key, { name, handler }] = fn;
  const functionArn = key.startsWith('arn:') ? key : arn;
  try {
    const raw = await invokeWithTimeout(
      handler,
      contactEvent(run, parameters),
      lambdaContext(name, functionArn, started + limit * 1000),
      limit,
    );
    const result = validateLambdaResult(raw, responseType);
    s.external = result;
    s.lambdaCalls.push({ function: name, parameters, result });
    run.emit({
      type: 'lambda',
      actionId: action.Identifier,
      function: name,
      parameters,
      result,
      durationMs: Date.now() - started,
    });
    return { kind: 'next' };
  } catch (error) {
    return failed(name, error instanceof Error ? error.message : String(error));
  }
}

function findLambda(env: ContactEnvironment, arn: string): [string, ContactEnvironment['lambdas'][string]] | undefined {
  const lambdas = env.lambdas;
  if (Object.hasOwn(lambdas, arn)) return [arn, lambdas[arn] as ContactEnvironment['lambdas'][string]];
  const name = /:function:([^:]+)/.exec(arn)?.[1] ?? arn;
  return Object.entries(lambdas).find(
    ([k, v]) => v.name === name || k === name || /:function:([^:]+)/.exec(k)?.[1] === name,
  );
}

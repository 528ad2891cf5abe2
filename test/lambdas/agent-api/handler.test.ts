import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { DEFAULT_DISPOSITIONS } from '../../../lambdas/shared/agent/dispositions';
import { aLambdaContext } from '../../support/connect-events';
import { aCustomer } from '../../support/customers';
import { useLocalDynamoDb } from '../../support/local-dynamodb';
import { accessTrailOf, NOW } from './support';

type HandlerModule = typeof import('../../../lambdas/agent-api/handler');
let mod: HandlerModule;
beforeAll(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  process.env.CUSTOMER_TABLE_NAME = 'unused';
  mod = require('../../../lambdas/agent-api/handler');
});

/** An HTTP API (payload 2.0) event through CloudFront's `/api/*`, with the JWT authorizer's claims. */
function anAgentApiEvent(options: {
  method?: string;
  path: string;
  claims?: Record<string, unknown> | undefined;
  query?: Record<string, string>;
  body?: string;
  contentType?: string;
}): APIGatewayProxyEventV2WithJWTAuthorizer {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {};
  if (options.contentType !== undefined) headers['content-type'] = options.contentType;
  return {
    version: '2.0',
    routeKey: 'ANY /api/{proxy+}',
    rawPath: options.path,
    rawQueryString: new URLSearchParams(options.query ?? {}).toString(),
    headers,
    ...(options.query ? { queryStringParameters: options.query } : {}),
    ...(options.body !== undefined ? { body: options.body } : {}),
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'd111.cloudfront.net',
      domainPrefix: 'd111',
      http: { method, path: options.path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'jest' },
      requestId: 'req-1',
      routeKey: 'ANY /api/{proxy+}',
      stage: '$default',
      time: '06/Apr/2026:01:00:00 +0000',
      timeEpoch: 1775437200000,
      authorizer:
        options.claims === undefined
          ? undefined
          : { jwt: { claims: options.claims, scopes: [] }, principalId: '', integrationLatency: 0 },
    },
  } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}

describe('principalFromClaims', () => {
  it.each([
    [{ 'cognito:username': 'sv.sato', 'cognito:groups': ['supervisors', 'agents'] }, 'supervisor'],
    [{ 'cognito:username': 'sv.sato', 'cognito:groups': '[supervisors agents]' }, 'supervisor'],
    [{ 'cognito:username': 'sv.sato', 'cognito:groups': '["agents","supervisors"]' }, 'supervisor'],
    [{ 'cognito:username': 'sv.sato', 'cognito:groups': 'agents,supervisors' }, 'supervisor'],
    [{ 'cognito:username': 'a.suzuki', 'cognito:groups': '[agents]' }, 'agent'],
    [{ 'cognito:username': 'a.suzuki', 'cognito:groups': '[supervisors-trainee]' }, 'agent'],
    [{ 'cognito:username': 'a.suzuki' }, 'agent'],
  ])('%j → %s', (claims, role) => {
    expect(mod.principalFromClaims(claims as never)?.role).toBe(role);
  });

  it('takes the name claim as display name, and no username as nobody', () => {
    expect(mod.principalFromClaims({ 'cognito:username': 'a.suzuki', name: '鈴木 一郎' })).toEqual({
      username: 'a.suzuki',
      role: 'agent',
      displayName: '鈴木 一郎',
    });
    expect(mod.principalFromClaims({ name: '鈴木' })).toBeUndefined();
    expect(mod.principalFromClaims({ 'cognito:username': '' })).toBeUndefined();
    expect(mod.principalFromClaims(undefined)).toBeUndefined();
  });
});

describe('readDispositions', () => {
  it('defaults, accepts a valid list and names what is wrong with a bad one', () => {
    expect(mod.readDispositions({})).toBe(DEFAULT_DISPOSITIONS);
    const list = [{ id: 'done', ja: '完了', en: 'Done' }];
    expect(mod.readDispositions({ AGENT_DISPOSITIONS: JSON.stringify(list) })).toEqual(list);
    expect(() => mod.readDispositions({ AGENT_DISPOSITIONS: '{' })).toThrow(/AGENT_DISPOSITIONS: is not valid JSON/);
    expect(() => mod.readDispositions({ AGENT_DISPOSITIONS: '[{"id":"Bad Id","ja":"x","en":"x"}]' })).toThrow(
      /AGENT_DISPOSITIONS: 0\.id/,
    );
    expect(() => mod.readDispositions({ AGENT_DISPOSITIONS: JSON.stringify([...list, ...list]) })).toThrow(/duplicate/);
    expect(() => mod.readTimeZone({ TIME_ZONE: 'Mars/Olympus' })).toThrow(/TIME_ZONE/);
    expect(mod.readTimeZone({})).toBe('Asia/Tokyo');
  });
});

describe('agent-api handler (store on dynalite)', () => {
  const db = useLocalDynamoDb();
  const call = async (options: Parameters<typeof anAgentApiEvent>[0]) => {
    const handler = mod.createHandler({
      store: db.store(),
      accessTrail: accessTrailOf(db),
      dispositions: DEFAULT_DISPOSITIONS,
      timeZone: 'Asia/Tokyo',
      defaultCountry: 'JP',
      now: () => NOW,
    });
    const res = await handler(anAgentApiEvent(options), aLambdaContext('agent-api'));
    return { status: res.statusCode, headers: res.headers, body: JSON.parse(res.body as string) };
  };
  const agent = { 'cognito:username': 'a.suzuki', 'cognito:groups': '[agents]' };
  const supervisor = { 'cognito:username': 'sv.sato', 'cognito:groups': '[supervisors agents]', name: '佐藤 SV' };

  it('answers /api/me with the principal from the claims, uncached', async () => {
    const res = await call({ path: '/api/me', claims: supervisor });
    expect(res.status).toBe(200);
    expect(res.headers?.['cache-control']).toBe('no-store');
    expect(res.body.agent).toEqual({ username: 'sv.sato', role: 'supervisor', displayName: '佐藤 SV' });
  });

  it('401 without an authorizer context or without a username claim', async () => {
    expect((await call({ path: '/api/me', claims: undefined })).status).toBe(401);
    expect((await call({ path: '/api/me', claims: { 'cognito:groups': '[supervisors]' } })).status).toBe(401);
    const put = await call({ method: 'PUT', path: '/api/customers/C-1001/latest-inquiry', claims: {}, body: '{' });
    expect(put.status).toBe(401);
  });

  it('reads a customer and records the read with the agent from the token', async () => {
    await db.store().putCustomer(aCustomer());
    const res = await call({ path: '/api/customers/C-1001/timeline', claims: agent, query: { contactId: 'abc-1' } });
    expect(res.status).toBe(200);
    const trail = await accessTrailOf(db).list({ customerId: 'C-1001' });
    expect(trail.items[0]).toMatchObject({ agent: 'a.suzuki', role: 'agent', contactId: 'abc-1' });
  });

  it('415 for a write that is not JSON, 400 for invalid JSON or a body too large', async () => {
    await db.store().putCustomer(aCustomer());
    const path = '/api/customers/C-1001/latest-inquiry';
    const form = await call({
      method: 'PUT',
      path,
      claims: agent,
      body: 'a=b',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
    expect(form.body.issues[0].field).toBe('content-type');
    const broken = await call({
      method: 'PUT',
      path,
      claims: agent,
      body: '{"inquiryId":',
      contentType: 'application/json',
    });
    expect(broken.status).toBe(400);
    expect(broken.body.issues).toEqual([{ field: 'body', reason: 'is not valid JSON' }]);
    const huge = await call({
      method: 'PUT',
      path,
      claims: agent,
      body: JSON.stringify({ x: 'あ'.repeat(20_000) }),
      contentType: 'application/json',
    });
    expect(huge.status).toBe(400);
    expect(huge.body.issues[0].field).toBe('body');
  });

  it('an agent may not reopen a resolved inquiry (403); a supervisor may', async () => {
    await db.store().putCustomer(aCustomer({ latestInquiry: { id: 'INQ-1', subject: '返品', status: 'resolved' } }));
    const body = JSON.stringify({ inquiryId: 'INQ-1', status: 'in_progress' });
    const path = '/api/customers/C-1001/latest-inquiry';
    const asAgent = await call({
      method: 'PUT',
      path,
      claims: agent,
      body,
      contentType: 'application/json; charset=utf-8',
    });
    expect(asAgent.status).toBe(403);
    const asSupervisor = await call({ method: 'PUT', path, claims: supervisor, body, contentType: 'application/json' });
    expect(asSupervisor.status).toBe(200);
  });

  it("an agent may not replace another agent's wrap-up (403); a supervisor may", async () => {
    await db.store().putCustomer(aCustomer());
    const body = JSON.stringify({ customerId: 'C-1001', channel: 'VOICE', disposition: 'resolved' });
    const path = '/api/contacts/contact-1/wrap-up';
    expect((await call({ method: 'PUT', path, claims: agent, body, contentType: 'application/json' })).status).toBe(
      201,
    );
    const other = { 'cognito:username': 'a.tanaka', 'cognito:groups': ['agents'] };
    expect((await call({ method: 'PUT', path, claims: other, body, contentType: 'application/json' })).status).toBe(
      403,
    );
    expect(
      (await call({ method: 'PUT', path, claims: supervisor, body, contentType: 'application/json' })).status,
    ).toBe(200);
  });

  it('strips only a leading /api', () => {
    expect(mod.apiPath('/api/me')).toBe('/me');
    expect(mod.apiPath('/api')).toBe('/');
    expect(mod.apiPath('/apiary/me')).toBe('/apiary/me');
    expect(mod.apiPath('/me')).toBe('/me');
  });
});

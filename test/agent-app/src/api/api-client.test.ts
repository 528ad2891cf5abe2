import { AgentApi, ApiError } from '../../../../agent-app/src/api/api-client';
import { errorText, formErrorText } from '../../../../agent-app/src/api/error-words';
import { translator } from '../../../../agent-app/src/i18n';

interface Call {
  url: string;
  init: RequestInit;
}

function fakeFetch(answer: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fn = (async (url: RequestInfo | URL, init?: RequestInit) => {
    const call = { url: String(url), init: init ?? {} };
    calls.push(call);
    return answer(call);
  }) as typeof fetch;
  return { fn, calls };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const ja = translator('ja-JP');

describe('AgentApi', () => {
  it('calls the routes under the base with the agent’s headers', async () => {
    // Prepare
    const { fn, calls } = fakeFetch(() => json(200, { interactions: [], owner: { customerId: 'C 1' } }));
    const api = new AgentApi({
      baseUrl: '/agent/api/',
      fetch: fn,
      credentials: async () => ({ 'X-Local-Agent': 'sato' }),
    });
    // Act
    await api.timeline('C 1', { limit: 10, cursor: 'abc=' });
    await api.contactPointTimeline({ email: 'a+b@example.jp' }, { limit: 10 });
    await api.customer('C-1', 'contact-1');
    await api.search('03-1234-5678');
    await api.search('ヤマダ', 'ct-9');
    await api.timeline('C-1', { limit: 10, contactId: 'ct-9' });
    await api.wrapUp('ct/1', { channel: 'VOICE', disposition: 'resolved', customerId: 'C-1' });
    // Assess
    expect(calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      'GET /agent/api/customers/C%201/timeline?limit=10&cursor=abc%3D',
      'GET /agent/api/contact-points/timeline?email=a%2Bb%40example.jp&limit=10',
      'GET /agent/api/customers/C-1?contactId=contact-1',
      'GET /agent/api/search?q=03-1234-5678',
      `GET /agent/api/search?q=${encodeURIComponent('ヤマダ')}&contactId=ct-9`,
      'GET /agent/api/customers/C-1/timeline?limit=10&contactId=ct-9',
      'PUT /agent/api/contacts/ct%2F1/wrap-up',
    ]);
    expect(calls[0]!.init.headers).toMatchObject({ 'X-Local-Agent': 'sato' });
    expect(calls[6]!.init.headers).toMatchObject({ 'Content-Type': 'application/json' });
    expect(JSON.parse(String(calls[6]!.init.body))).toEqual({
      channel: 'VOICE',
      disposition: 'resolved',
      customerId: 'C-1',
    });
  });

  it('turns a 400 into field issues the form can show on the right field', async () => {
    const { fn } = fakeFetch(() =>
      json(400, {
        error: 'bad_request',
        message: 'invalid request',
        issues: [
          { field: 'note', reason: 'must be at most 2000 characters' },
          { field: 'target.newCustomer.name', reason: 'is required' },
        ],
      }),
    );
    const api = new AgentApi({ baseUrl: '/api', fetch: fn, credentials: async () => ({}) });
    const err = (await api.wrapUp('c', { channel: 'CHAT', disposition: 'x' }).catch((e) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.kind).toBe('bad-request');
    expect(err.issueFor('note')).toBe('must be at most 2000 characters');
    expect(err.issueFor('target.newCustomer')).toBe('is required');
    expect(err.issueFor('disposition')).toBeUndefined();
    expect(errorText(ja, err)).toBe(
      '入力内容を確認してください: note: must be at most 2000 characters; target.newCustomer.name: is required',
    );
    // A form showing both fields only points to them; one showing only the note says everything.
    expect(formErrorText(ja, err, ['note', 'target.newCustomer.name'])).toBe(
      '入力内容を確認してください (各項目に理由を表示しています)。',
    );
    expect(formErrorText(ja, err, ['note', 'target.customerId'])).toBe(errorText(ja, err));
    expect(formErrorText(ja, new ApiError('forbidden', 403, 'no'), [])).toBe(
      errorText(ja, new ApiError('forbidden', 403, 'no')),
    );
  });

  it.each([
    [401, 'unauthorized', 'サインインが必要です。'],
    [403, 'forbidden', 'この操作の権限がありません (スーパーバイザーのみ可能な操作の可能性があります)。'],
    [404, 'not-found', '見つかりませんでした。'],
    [409, 'conflict', '他の方が先に更新しました。画面を更新してからもう一度お試しください。'],
    [500, 'server', 'サーバーでエラーが発生しました。時間をおいてもう一度お試しください。'],
    [502, 'server', 'サーバーでエラーが発生しました。時間をおいてもう一度お試しください。'],
  ])('maps HTTP %i to %s and words it without internals', async (status, kind, words) => {
    const { fn } = fakeFetch(() => json(status, { error: 'x', message: 'stack trace here' }));
    const api = new AgentApi({ baseUrl: '/api', fetch: fn, credentials: async () => ({}) });
    const err = (await api.me().catch((e) => e)) as ApiError;
    expect(err.kind).toBe(kind);
    expect(err.status).toBe(status);
    expect(errorText(ja, err)).toBe(words);
  });

  it('tells the app about a 401 so it can ask to sign in again', async () => {
    const { fn } = fakeFetch(() => new Response('', { status: 401 }));
    const onUnauthorized = jest.fn();
    const api = new AgentApi({ baseUrl: '/api', fetch: fn, credentials: async () => ({}), onUnauthorized });
    await expect(api.me()).rejects.toMatchObject({ kind: 'unauthorized' });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('reports an unreachable API, and a success without JSON, as errors', async () => {
    const down = new AgentApi({
      baseUrl: '/api',
      fetch: fakeFetch(() => Promise.reject(new TypeError('Failed to fetch'))).fn,
      credentials: async () => ({}),
    });
    const err = (await down.me().catch((e) => e)) as ApiError;
    expect(err.kind).toBe('network');
    expect(errorText(translator('en-US'), err)).toBe('Could not reach the server.');
    const html = new AgentApi({
      baseUrl: '/api',
      fetch: fakeFetch(() => new Response('<html>', { status: 200 })).fn,
      credentials: async () => ({}),
    });
    await expect(html.me()).rejects.toMatchObject({ kind: 'server' });
  });
});

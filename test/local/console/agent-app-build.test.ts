import type { Server } from 'node:http';
import type { AgentAppBuild } from '../../../agent-app/build';
import type { CustomerStore } from '../../../lambdas/shared/customer-data/customer-store';
import { createConsoleServer, listen } from '../../../local/console/server';
import { loadLocalConfig } from '../../../local/runtime/config';
import { createLocalRuntime } from '../../../local/runtime/simulate-call';

/** The console builds the agent app once, on demand, and tries again after a failed build. */

let server: Server;
let url: string;
let builds = 0;
let failNext = true;

const fakeBuild = async (): Promise<AgentAppBuild> => {
  builds++;
  if (failNext) {
    failNext = false;
    throw new Error('esbuild: a syntax error');
  }
  return {
    files: [
      { path: 'index.html', contents: Buffer.from('<!doctype html><title>app</title>') },
      { path: 'assets/main-ABC.js', contents: Buffer.from('console.log(1)') },
    ],
    initialScripts: ['assets/main-ABC.js'],
  };
};

beforeAll(async () => {
  const runtime = createLocalRuntime(loadLocalConfig(), async () => ({}));
  ({ server } = createConsoleServer({
    runtime,
    store: {} as CustomerStore,
    agentApp: { build: fakeBuild },
  }));
  url = `http://localhost:${await listen(server, 0)}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

test('nothing is built before the app is asked for; a failed build is a 500 and is tried again; then it is kept', async () => {
  expect(builds).toBe(0);
  const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const failed = await fetch(`${url}/agent/`);
  expect(failed.status).toBe(500);
  expect(await failed.json()).toEqual({ error: 'agent app: the build failed (see the server log)' });
  expect(log).toHaveBeenCalledWith('console: building the agent app failed:', expect.any(Error));
  log.mockRestore();

  const page = await fetch(`${url}/agent/`);
  expect(page.status).toBe(200);
  expect(await page.text()).toBe('<!doctype html><title>app</title>');
  const script = await fetch(`${url}/agent/assets/main-ABC.js`);
  expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  expect(await script.text()).toBe('console.log(1)');
  expect(builds).toBe(2);
});

test('without a store-backed API the agent API says it is not available (503), not a crash', async () => {
  const res = await fetch(`${url}/agent/api/me`, { headers: { 'x-local-agent': 'sato' } });
  expect(res.status).toBe(503);
  expect((await res.json()).error).toMatch(/^agent API: not available/);
});

import { parseRuntimeConfig } from '../../../agent-app/src/runtime-config';

const local = {
  apiBase: '/agent/api',
  timeZone: 'Asia/Tokyo',
  defaultLocale: 'ja-JP',
  contactSource: 'local',
  auth: { mode: 'local', agents: [{ username: 'sato', role: 'agent' }] },
};

describe('parseRuntimeConfig', () => {
  it('accepts the local console’s and the stack’s config', () => {
    expect(parseRuntimeConfig(local)).toEqual(local);
    const aws = {
      ...local,
      apiBase: '/api',
      contactSource: 'connect',
      auth: {
        mode: 'cognito',
        region: 'ap-northeast-1',
        userPoolClientId: 'abc',
        domain: 'https://x.auth.ap-northeast-1.amazoncognito.com',
        redirectUri: 'https://d.cloudfront.net/signed-in.html',
      },
    };
    expect(parseRuntimeConfig(aws)).toEqual(aws);
  });

  it.each([
    [{ ...local, timeZone: 'Mars/Olympus' }, 'config.json: timeZone must be an IANA time zone'],
    [{ ...local, defaultLocale: 'fr-FR' }, 'config.json: defaultLocale must be "ja-JP" or "en-US"'],
    [{ ...local, auth: { mode: 'local', agents: [] } }, 'config.json: auth.agents must be a non-empty list'],
    [
      { ...local, auth: { mode: 'local', agents: [{ username: 'a', role: 'boss' }] } },
      'config.json: auth.agents[0].role must be "agent" or "supervisor"',
    ],
    [
      { ...local, auth: { mode: 'cognito', region: 'r', userPoolClientId: 'c', domain: 'd' } },
      'config.json: auth.redirectUri must be a non-empty string',
    ],
    [{ ...local, auth: { mode: 'saml' } }, 'config.json: auth.mode must be "local" or "cognito"'],
    ['nope', 'config.json: (root) must be an object'],
  ])('names the bad key (%#)', (raw, message) => {
    expect(() => parseRuntimeConfig(raw)).toThrow(message);
  });
});

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_DISPOSITIONS } from '../../lambdas/shared/agent/dispositions';
import { ConfigError, configFromContext, defaultLanguage, mergeConfig, parseConfig } from '../../lib/config';
import { cdkJsonContext } from './test-app';

function issuesOf(raw: unknown, env?: string): string[] {
  try {
    parseConfig(raw, env);
  } catch (e) {
    if (e instanceof ConfigError) return e.issues;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig defaults', () => {
  test('an empty config is a working Japanese-first contact center', () => {
    const c = parseConfig({});
    expect(c.region).toBe('ap-northeast-1');
    expect(c.timeZone).toBe('Asia/Tokyo');
    expect(c.defaultCountry).toBe('JP');
    expect(c.identityManagement).toEqual({ type: 'CONNECT_MANAGED' });
    expect(defaultLanguage(c)).toEqual({ code: 'ja-JP', voice: 'Kazuha', engine: 'neural' });
    expect(c.languages.map((l) => l.code)).toEqual(['ja-JP', 'en-US']);
    // No number by default: Japanese numbers cannot be claimed through the API (AWS support case).
    expect(c.phoneNumber).toEqual({ enabled: false, countryCode: 'JP', type: 'DID' });
    expect(c.queues.map((q) => q.name)).toEqual(['General', 'Priority']);
    expect(c.hoursOfOperation.BusinessHours?.schedule.MONDAY).toEqual({ start: '09:00', end: '18:00' });
    expect(c.hoursOfOperation.BusinessHours?.schedule.SATURDAY).toBeUndefined();
    expect(c.routingProfile).toEqual({ name: 'Agents', voice: 1, chat: 2, task: 3 });
    expect(c.agents).toEqual([]);
    expect(c.retention).toEqual({ logDays: 365, recordingsDays: 400, contactRecordStreamHours: 24 });
    expect(c.alarmEmail).toBeUndefined();
  });

  test('undefined context is the same as an empty object', () => {
    expect(parseConfig(undefined)).toEqual(parseConfig({}));
  });
});

describe('phoneNumber', () => {
  test('a number of a claimable country (not JP) may be claimed', () => {
    expect(parseConfig({ phoneNumber: { enabled: true, countryCode: 'US', prefix: '+1206' } }).phoneNumber).toEqual({
      enabled: true,
      countryCode: 'US',
      type: 'DID',
      prefix: '+1206',
    });
  });

  test('a Japanese number is used through existingNumberArn (claimed by AWS support), with a caller ID name', () => {
    const arn = 'arn:aws:connect:ap-northeast-1:123456789012:phone-number/0b9f6a3e-1111-4c2d-9e8f-5a6b7c8d9e0f';
    const c = parseConfig({ phoneNumber: { enabled: true, existingNumberArn: arn, callerIdName: 'Acme サポート' } });
    expect(c.phoneNumber).toMatchObject({ enabled: true, countryCode: 'JP', existingNumberArn: arn });
    expect(c.phoneNumber.callerIdName).toBe('Acme サポート');
  });
});

describe('environments (-c env=NAME)', () => {
  const raw = {
    instanceAlias: 'acme-dev',
    retention: { logDays: 30 },
    queues: [
      { name: 'General', description: 'g', hours: 'BusinessHours' },
      { name: 'Priority', description: 'p', hours: 'BusinessHours' },
    ],
    environments: {
      prod: {
        instanceAlias: 'acme-prod',
        retention: { recordingsDays: 2555 },
        alarmEmail: 'oncall@example.com',
        queues: [
          { name: 'General', description: 'g', hours: 'BusinessHours', maxContacts: 50 },
          { name: 'Priority', description: 'p', hours: 'BusinessHours' },
          { name: 'Billing', description: 'b', hours: 'BusinessHours' },
        ],
      },
    },
  };

  test('objects merge deeply, arrays are replaced whole', () => {
    const c = parseConfig(raw, 'prod');
    expect(c.instanceAlias).toBe('acme-prod');
    expect(c.retention).toEqual({ logDays: 30, recordingsDays: 2555, contactRecordStreamHours: 24 });
    expect(c.alarmEmail).toBe('oncall@example.com');
    expect(c.queues.map((q) => q.name)).toEqual(['General', 'Priority', 'Billing']);
    expect(c.queues[0]?.maxContacts).toBe(50);
  });

  test('without env the environments are ignored', () => {
    expect(parseConfig(raw).instanceAlias).toBe('acme-dev');
  });

  test('an unknown environment names the known ones', () => {
    expect(() => parseConfig(raw, 'staging')).toThrow(
      'contactCenter.environments.staging: unknown environment (known: prod)',
    );
  });

  test('configFromContext reads contactCenter and env from context', () => {
    const ctx: Record<string, unknown> = { contactCenter: raw, env: 'prod' };
    expect(configFromContext((k) => ctx[k]).instanceAlias).toBe('acme-prod');
    expect(() => configFromContext((k) => ({ env: 3 })[k as 'env'])).toThrow('env: expected a string');
  });

  test('mergeConfig keeps base values the override does not mention', () => {
    expect(mergeConfig({ a: { b: 1, c: 2 }, d: [1, 2] }, { a: { c: 3 }, d: [9] })).toEqual({
      a: { b: 1, c: 3 },
      d: [9],
    });
  });
});

describe('bad config names the key and what is expected', () => {
  test.each<[string, unknown, string]>([
    [
      'time zone',
      { timeZone: 'Mars/Olympus' },
      'contactCenter.timeZone: expected an IANA time zone such as "Asia/Tokyo"',
    ],
    ['region', { region: 'eu-north-9' }, 'contactCenter.region: expected a region where Amazon Connect is offered'],
    ['country', { defaultCountry: 'XX' }, 'contactCenter.defaultCountry: expected an ISO 3166-1 alpha-2 country'],
    ['alias', { instanceAlias: 'd-starts-like-a-directory' }, 'contactCenter.instanceAlias: expected letters, digits'],
    [
      'hours',
      { hoursOfOperation: { H: { schedule: { MONDAY: { start: '9:00', end: '18:00' } } } } },
      'contactCenter.hoursOfOperation.H.schedule.MONDAY.start: expected a 24-hour time "HH:MM"',
    ],
    ['unknown key', { instanceAlais: 'typo' }, 'contactCenter: Unrecognized key: "instanceAlais"'],
    [
      'phone prefix',
      { phoneNumber: { prefix: '03' } },
      'contactCenter.phoneNumber.prefix: expected an E.164 prefix such as "+813"',
    ],
    ['phone type', { phoneNumber: { type: 'MOBILE' } }, 'contactCenter.phoneNumber.type:'],
    [
      'claiming a Japanese number',
      { phoneNumber: { enabled: true } },
      'contactCenter.phoneNumber.countryCode: Japanese (JP) numbers cannot be claimed through the API',
    ],
    [
      'existing number ARN',
      { phoneNumber: { enabled: true, existingNumberArn: 'arn:aws:connect:ap-northeast-1:123:phone-number/x' } },
      'contactCenter.phoneNumber.existingNumberArn: expected a phone number ARN',
    ],
    [
      'existing number ARN with instance/',
      {
        phoneNumber: {
          enabled: true,
          existingNumberArn: 'arn:aws:connect:ap-northeast-1:123456789012:instance/i/phone-number/x',
        },
      },
      'contactCenter.phoneNumber.existingNumberArn: expected a phone number ARN',
    ],
    [
      'existing number in another region',
      { phoneNumber: { enabled: true, existingNumberArn: 'arn:aws:connect:us-east-1:123456789012:phone-number/x' } },
      "contactCenter.phoneNumber.existingNumberArn: expected a number in the stack's region ap-northeast-1",
    ],
    [
      'existing number while disabled',
      { phoneNumber: { existingNumberArn: 'arn:aws:connect:ap-northeast-1:123456789012:phone-number/x' } },
      'contactCenter.phoneNumber.enabled: expected true when existingNumberArn is set',
    ],
    ['caller ID name', { phoneNumber: { callerIdName: 'x'.repeat(256) } }, 'contactCenter.phoneNumber.callerIdName:'],
    [
      'directory id',
      { identityManagement: { type: 'EXISTING_DIRECTORY', directoryId: 'dir' } },
      'contactCenter.identityManagement.directoryId: expected a Directory Service id',
    ],
    [
      'retention',
      { retention: { logDays: 31 } },
      'contactCenter.retention.logDays: expected one of CloudWatch Logs retention values',
    ],
    [
      'stream hours',
      { retention: { contactRecordStreamHours: 12 } },
      'contactCenter.retention.contactRecordStreamHours:',
    ],
    ['alarm email', { alarmEmail: 'not-an-email' }, 'contactCenter.alarmEmail: expected an email address'],
    ['chat concurrency', { routingProfile: { chat: 11 } }, 'contactCenter.routingProfile.chat:'],
    [
      'required queue',
      { queues: [{ name: 'General', description: 'g', hours: 'BusinessHours' }] },
      'contactCenter.queues: a queue named "Priority" is required',
    ],
    [
      'queue hours',
      {
        queues: [
          { name: 'General', description: 'g', hours: 'Nights' },
          { name: 'Priority', description: 'p', hours: 'BusinessHours' },
        ],
      },
      'contactCenter.queues[0].hours: expected one of hoursOfOperation: BusinessHours',
    ],
    [
      'agent email',
      { agents: [{ username: 'sato', firstName: 'S', lastName: 'T', email: 'nope' }] },
      'contactCenter.agents[0].email: expected an email address',
    ],
    [
      'agent profile',
      {
        agents: [{ username: 'sato', firstName: 'S', lastName: 'T', email: 's@example.com', securityProfile: 'Admin' }],
      },
      'contactCenter.agents[0].securityProfile:',
    ],
    [
      'SAML agents',
      {
        identityManagement: { type: 'SAML' },
        agents: [{ username: 'sato', firstName: 'S', lastName: 'T', email: 's@example.com' }],
      },
      'contactCenter.agents: agents come from the identity provider with SAML',
    ],
    [
      'agent password',
      { agents: [{ username: 'sato', firstName: 'S', lastName: 'T', email: 's@example.com', password: 'Secret123' }] },
      'contactCenter.agents[0]: Unrecognized key: "password"',
    ],
  ])('%s', (_name, raw, expected) => {
    const issues = issuesOf(raw);
    expect(issues.some((i) => i.startsWith(expected))).toBe(true);
  });

  test('the error message lists every issue and the environment', () => {
    try {
      parseConfig({ environments: { prod: { timeZone: 'Nowhere', alarmEmail: 'x' } } }, 'prod');
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const err = e as ConfigError;
      expect(err.message).toMatch(/^Invalid contact center configuration \(env=prod\):/);
      expect(err.issues).toHaveLength(2);
      expect(err.message).toContain('contactCenter.timeZone');
      expect(err.message).toContain('contactCenter.alarmEmail');
    }
  });

  test('a non-object config is rejected', () => {
    expect(issuesOf('yes')).toEqual(['contactCenter: expected an object']);
  });
});

describe('cdk.json', () => {
  test('its contactCenter context is valid, with and without -c env=prod', () => {
    const ctx = cdkJsonContext();
    expect(configFromContext((k) => ctx[k]).instanceAlias).toBe('serverless-contact-center');
    const prod = configFromContext((k) => ({ ...ctx, env: 'prod' })[k]);
    expect(prod.instanceAlias).toBe('serverless-contact-center-prod');
    expect(prod.retention.recordingsDays).toBe(2557);
  });
});

describe('bin/app.ts', () => {
  test('a bad config exits 1 with the key and expectation on stderr and no stack trace', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfg-'));
    const root = path.resolve(__dirname, '..', '..');
    const result = spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), ['bin/app.ts'], {
      cwd: root,
      encoding: 'utf8',
      env: {
        ...process.env,
        CDK_OUTDIR: outdir,
        CDK_CONTEXT_JSON: JSON.stringify({ contactCenter: { timeZone: 'Mars/Olympus', retention: { logDays: 31 } } }),
      },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('contactCenter.timeZone: expected an IANA time zone such as "Asia/Tokyo"');
    expect(result.stderr).toContain(
      'contactCenter.retention.logDays: expected one of CloudWatch Logs retention values',
    );
    expect(result.stderr).toContain('docs/configuration.md');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(fs.readdirSync(outdir)).toEqual([]);
  });
});

describe('intake', () => {
  test('defaults: no email channel, contact records on, no browser origins', () => {
    expect(parseConfig({}).intake).toEqual({
      approvedOrigins: [],
      throttling: { rateLimit: 10, burstLimit: 20 },
      perClientRateLimit: { requests: 100, windowSeconds: 300 },
      contactRecords: true,
    });
  });

  test('email activates its receipt rule set unless told not to', () => {
    const on = parseConfig({ intake: { email: { domain: 'support.example.com' } } });
    const off = parseConfig({ intake: { email: { domain: 'support.example.com', activateRuleSet: false } } });
    expect(on.intake.email).toMatchObject({ domain: 'support.example.com', activateRuleSet: true });
    expect(off.intake.email?.activateRuleSet).toBe(false);
  });

  test('bad origins and domains name the key', () => {
    expect(() =>
      parseConfig({ intake: { approvedOrigins: ['http://www.example.com'], email: { domain: 'localhost' } } }),
    ).toThrow(/intake\.approvedOrigins\[0\]: expected an https origin[\s\S]*intake\.email\.domain: expected a domain/);
  });
});

describe('agentApp', () => {
  test('defaults: on, the shared dispositions, Essentials plan, hour-long tokens, Japan only', () => {
    expect(parseConfig({}).agentApp).toEqual({
      enabled: true,
      dispositions: [...DEFAULT_DISPOSITIONS],
      threatProtection: false,
      tokenValidity: { accessMinutes: 60, idMinutes: 60, refreshHours: 12 },
      throttling: { rateLimit: 20, burstLimit: 40 },
      allowedCountries: ['JP'],
    });
  });

  test('a partial section keeps the other defaults', () => {
    const c = parseConfig({ agentApp: { tokenValidity: { accessMinutes: 15 }, cognitoDomainPrefix: 'acme-agents' } });
    expect(c.agentApp.tokenValidity).toEqual({ accessMinutes: 15, idMinutes: 60, refreshHours: 12 });
    expect(c.agentApp.cognitoDomainPrefix).toBe('acme-agents');
    expect(c.agentApp.enabled).toBe(true);
  });

  test('bad values name the key', () => {
    expect(
      issuesOf({
        agentApp: {
          dispositions: [
            { id: 'Resolved', ja: '解決', en: 'Resolved' },
            { id: 'ok', ja: '', en: 'OK' },
          ],
          cognitoDomainPrefix: 'my-cognito-login',
          tokenValidity: { accessMinutes: 2 },
          allowedCountries: ['jp'],
          saml: { providerName: 'corp_idp', metadataUrl: 'http://idp.example.com/metadata' },
          extra: true,
        },
      }),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^contactCenter\.agentApp\.dispositions\[0\]\.id: expected a lower-case id/),
        expect.stringMatching(/^contactCenter\.agentApp\.dispositions\[1\]\.ja: /),
        expect.stringMatching(
          /^contactCenter\.agentApp\.cognitoDomainPrefix: must not contain "aws", "amazon" or "cognito"/,
        ),
        expect.stringMatching(/^contactCenter\.agentApp\.tokenValidity\.accessMinutes: /),
        expect.stringMatching(
          /^contactCenter\.agentApp\.allowedCountries\[0\]: expected an ISO 3166-1 alpha-2 country/,
        ),
        expect.stringMatching(/^contactCenter\.agentApp\.saml\.providerName: expected 1–32 letters/),
        expect.stringMatching(/^contactCenter\.agentApp\.saml\.metadataUrl: expected the https URL/),
        expect.stringMatching(/^contactCenter\.agentApp: .*extra/),
      ]),
    );
  });

  test('duplicate disposition ids, an empty list and a refresh token shorter than the others are refused', () => {
    const same = { id: 'resolved', ja: '解決', en: 'Resolved' };
    expect(issuesOf({ agentApp: { dispositions: [same, same] } })).toEqual([
      'contactCenter.agentApp.dispositions[1].id: duplicate disposition "resolved"',
    ]);
    expect(issuesOf({ agentApp: { dispositions: [] } })).toEqual([
      expect.stringMatching(/^contactCenter\.agentApp\.dispositions: /),
    ]);
    expect(issuesOf({ agentApp: { tokenValidity: { accessMinutes: 120, refreshHours: 1 } } })).toEqual([
      expect.stringMatching(/^contactCenter\.agentApp\.tokenValidity\.refreshHours: refreshHours must cover/),
    ]);
  });
});

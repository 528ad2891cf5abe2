import { isSupportedCountry } from 'libphonenumber-js';
import { z } from 'zod';
import { DispositionSchema } from '../lambdas/shared/agent/contract';
import { DEFAULT_DISPOSITIONS } from '../lambdas/shared/agent/dispositions';

/**
 * Typed configuration of the contact center.
 *
 * Read from the `contactCenter` key of cdk.json context; `-c env=NAME` merges
 * `contactCenter.environments.NAME` over it (deep merge for objects, arrays replaced whole).
 * Everything has a default that synthesizes a working Japanese-first contact center, so an
 * empty config is valid. Invalid config fails synth with a {@link ConfigError} naming the key.
 */

/** Days of the week in schedule order (Connect's `HoursOfOperationConfig` day names). */
export const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
export type Day = (typeof DAYS)[number];

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a 24-hour time "HH:MM", for example "09:00"');

const timeZone = z.string().refine((tz) => Intl.supportedValuesOf('timeZone').includes(tz) || tz === 'UTC', {
  message: 'expected an IANA time zone such as "Asia/Tokyo"',
});

const openInterval = z
  .object({ start: hhmm, end: hhmm })
  .strict()
  .refine((i) => i.start !== i.end, { message: 'start and end must differ' });

const hoursSchema = z
  .object({
    description: z.string().min(1).max(250).default('Hours of operation'),
    /** Falls back to the top-level time zone. */
    timeZone: timeZone.optional(),
    /** Days not listed are closed. */
    schedule: z.partialRecord(z.enum(DAYS), openInterval),
  })
  .strict();

const nameSchema = z
  .string()
  .min(1)
  .max(127)
  .regex(/^[A-Za-z0-9][A-Za-z0-9 _-]*$/, 'expected letters, digits, spaces, "_" or "-" (used in ids and placeholders)');

const queueSchema = z
  .object({
    name: nameSchema,
    description: z.string().min(1).max(250),
    /** Name of an entry of `hoursOfOperation`. */
    hours: z.string(),
    /** Contacts allowed in the queue before callers take the QueueAtCapacity branch. */
    maxContacts: z.number().int().positive().optional(),
  })
  .strict();

const languageCode = z.enum(['ja-JP', 'en-US']);
export type LanguageCode = z.infer<typeof languageCode>;

const languageSchema = z
  .object({
    code: languageCode,
    /** Amazon Polly voice used by Connect text-to-speech. */
    voice: z.string().min(1),
    engine: z.enum(['neural', 'standard', 'generative']).default('neural'),
  })
  .strict();

const securityProfileName = z.enum(['Agent', 'Supervisor']);

const agentSchema = z
  .object({
    username: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9_.@-]+$/, 'expected letters, digits and "_ . @ -"'),
    firstName: z.string().min(1).max(100),
    lastName: z.string().min(1).max(100),
    email: z.email('expected an email address'),
    routingProfile: z.string().default('Agents'),
    securityProfile: securityProfileName.default('Agent'),
  })
  .strict();

const retentionDays = z
  .number()
  .int()
  .refine((d) => LOG_RETENTION_DAYS.includes(d), {
    message: 'expected one of CloudWatch Logs retention values: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, …',
  });

/** Values CloudWatch Logs accepts for RetentionInDays. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

const defaultSchedule = {
  MONDAY: { start: '09:00', end: '18:00' },
  TUESDAY: { start: '09:00', end: '18:00' },
  WEDNESDAY: { start: '09:00', end: '18:00' },
  THURSDAY: { start: '09:00', end: '18:00' },
  FRIDAY: { start: '09:00', end: '18:00' },
};

/** A calendar date "YYYY-MM-DD" that exists (2027-02-30 does not). */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date "YYYY-MM-DD", for example "2027-04-01"')
  .refine(
    (d) => {
      const t = new Date(`${d}T00:00:00Z`);
      return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
    },
    { message: 'expected a date that exists' },
  );

const monthDay = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected a month and day "MM-DD", for example "12-29"');

/** Name of the hours the stack adds for the operating calendar (reserved: not a config entry). */
export const OPERATING_CALENDAR_HOURS = 'OperatingCalendar';

const calendarSchema = z
  .object({
    /** Closed on Japanese national holidays (振替休日 and 国民の休日 included), from @holiday-jp/holiday_jp. */
    nationalHolidays: z.boolean().default(true),
    /** Yearly closure over the new year (inclusive, wraps over 12-31); false for none. */
    yearEndClosure: z
      .union([z.object({ from: monthDay, to: monthDay }).strict(), z.literal(false)])
      .default({ from: '12-29', to: '01-03' }),
    /** One-off company closures (創立記念日, 棚卸し, …). */
    closures: z
      .array(
        z
          .object({ from: isoDate, to: isoDate.optional(), name: z.string().trim().min(1).max(100) })
          .strict()
          .refine((c) => c.to === undefined || c.to >= c.from, { message: 'to must not be before from', path: ['to'] }),
      )
      .default([]),
    /** Months of closures deployed as overrides from the horizon start (redeploy before it runs out). */
    horizonMonths: z.number().int().min(1).max(24).default(13),
    /** Pins the horizon start; by default the first day of the month of the deploy. */
    startDate: isoDate.optional(),
  })
  .strict();

/** Regions where Amazon Connect (voice, chat, tasks) is offered. */
export const CONNECT_REGIONS = [
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ca-central-1',
  'eu-central-1',
  'eu-west-2',
  'af-south-1',
  'us-east-1',
  'us-west-2',
] as const;

/** Phone number ARN as CloudFormation and ListPhoneNumbersV2 return it (no `instance/` in the path). */
export const PHONE_NUMBER_ARN = /^arn:aws:connect:([a-z0-9-]+):(\d{12}):phone-number\/([A-Za-z0-9-]+)$/;

/** Default of `intake.perClientRateLimit`: 100 requests per source IP in any 5 minutes. */
export const DEFAULT_PER_CLIENT_RATE_LIMIT = { requests: 100, windowSeconds: 300 } as const;

/** Defaults of `concurrency` (the constructs use the same ones when given none). */
export const DEFAULT_CONCURRENCY = {
  ivrLookupReserved: 10,
  emailIntakeMax: 5,
  vocAnalyzerMax: 2,
  ctrProcessorPerShard: 1,
} as const;

/** Defaults of `agentApp` (lib/agent-app; docs/configuration.md#agent-app). */
export const DEFAULT_AGENT_APP = {
  enabled: true,
  dispositions: DEFAULT_DISPOSITIONS.map((d) => ({ ...d })),
  threatProtection: false,
  tokenValidity: { accessMinutes: 60, idMinutes: 60, refreshHours: 12 },
  throttling: { rateLimit: 20, burstLimit: 40 },
  allowedCountries: ['JP'],
};

/** A Cognito domain prefix: lower-case letters, digits and inner hyphens, without the words Cognito reserves. */
const cognitoDomainPrefix = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'expected 1–63 lower-case letters, digits or inner hyphens')
  .refine((p) => !/aws|amazon|cognito/.test(p), {
    message: 'must not contain "aws", "amazon" or "cognito" (Cognito refuses them in a domain prefix)',
  });

const agentAppSchema = z
  .object({
    /** Deploy the agent app: hosting, Cognito sign-in, the agent API and its workspace registration. */
    enabled: z.boolean().default(DEFAULT_AGENT_APP.enabled),
    /** Wrap-up outcomes the agent chooses from; ids are stable keys in the history. */
    dispositions: z.array(DispositionSchema).min(1).max(50).default(DEFAULT_AGENT_APP.dispositions),
    /**
     * Prefix of the Cognito sign-in domain (`https://<prefix>.auth.<region>.amazoncognito.com`), unique
     * in the region across all AWS accounts. Default: `<stack name>-agents-<account id>`.
     */
    cognitoDomainPrefix: cognitoDomainPrefix.optional(),
    /**
     * Cognito threat protection (compromised credentials, adaptive authentication) in full-function
     * mode. Needs the Plus feature plan, billed per monthly active user.
     */
    threatProtection: z.boolean().default(DEFAULT_AGENT_APP.threatProtection),
    /** How long the app's tokens live: access and ID tokens 5–1440 minutes, the refresh token 1–720 hours (a shift). */
    tokenValidity: z
      .object({
        accessMinutes: z.number().int().min(5).max(1440).default(DEFAULT_AGENT_APP.tokenValidity.accessMinutes),
        idMinutes: z.number().int().min(5).max(1440).default(DEFAULT_AGENT_APP.tokenValidity.idMinutes),
        refreshHours: z.number().int().min(1).max(720).default(DEFAULT_AGENT_APP.tokenValidity.refreshHours),
      })
      .strict()
      .refine((t) => t.refreshHours * 60 >= Math.max(t.accessMinutes, t.idMinutes), {
        message: 'refreshHours must cover accessMinutes and idMinutes (Cognito refuses a shorter refresh token)',
        path: ['refreshHours'],
      })
      .default(DEFAULT_AGENT_APP.tokenValidity),
    /**
     * A SAML identity provider federated into the agent pool (for SAML instances: agents sign in to the
     * app with the same IdP as to Connect). docs/deploy.md#saml-instances says what to set up in the IdP.
     */
    saml: z
      .object({
        /** Name of the provider in the pool (shown on the managed login page). */
        providerName: z
          .string()
          .regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,31}$/, 'expected 1–32 letters, digits, "." or "-" (no "_", no spaces)'),
        /** The IdP's SAML metadata URL (https). */
        metadataUrl: z.url({ protocol: /^https$/, error: 'expected the https URL of the IdP SAML metadata' }),
        /** The assertion attribute that carries the user's email address. */
        emailAttribute: z.string().min(1).default('http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress'),
      })
      .strict()
      .optional(),
    /** Stage throttle of the agent API (all agents together). */
    throttling: z
      .object({ rateLimit: z.number().positive(), burstLimit: z.number().int().positive() })
      .strict()
      .default(DEFAULT_AGENT_APP.throttling),
    /**
     * Countries (ISO 3166-1 alpha-2) the app may be opened from (CloudFront geo restriction); [] for
     * anywhere. Add the countries of outsourced sites that take contacts.
     */
    allowedCountries: z
      .array(z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 country such as "JP"'))
      .default(DEFAULT_AGENT_APP.allowedCountries),
  })
  .strict();

export const ConfigSchema = z
  .object({
    /** AWS region of the stack (the customer table's CMK encryption needs a concrete region). */
    region: z
      .string()
      .refine((r) => (CONNECT_REGIONS as readonly string[]).includes(r), {
        message: `expected a region where Amazon Connect is offered: ${CONNECT_REGIONS.join(', ')}`,
      })
      .default('ap-northeast-1'),
    /** Connect instance alias: 1–45 characters, globally unique; changing it replaces the instance. */
    instanceAlias: z
      .string()
      .min(1)
      .max(45)
      .regex(
        /^(?!d-)[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/,
        'expected letters, digits and single hyphens, not starting with "d-" (Connect instance alias rules)',
      )
      .default('serverless-contact-center'),
    identityManagement: z
      .discriminatedUnion('type', [
        z.object({ type: z.literal('CONNECT_MANAGED') }).strict(),
        z.object({ type: z.literal('SAML') }).strict(),
        z
          .object({
            type: z.literal('EXISTING_DIRECTORY'),
            directoryId: z.string().regex(/^d-[0-9a-f]{10}$/, 'expected a Directory Service id such as "d-1234567890"'),
          })
          .strict(),
      ])
      .default({ type: 'CONNECT_MANAGED' }),
    timeZone: timeZone.default('Asia/Tokyo'),
    /** ISO 3166 country used to read national phone numbers (03-1234-5678). */
    defaultCountry: z
      .string()
      .refine((c) => isSupportedCountry(c as never), { message: 'expected an ISO 3166-1 alpha-2 country such as "JP"' })
      .default('JP'),
    /** The first language is the default one. */
    languages: z
      .array(languageSchema)
      .min(1)
      .default([
        { code: 'ja-JP', voice: 'Kazuha', engine: 'neural' },
        { code: 'en-US', voice: 'Joanna', engine: 'neural' },
      ]),
    phoneNumber: z
      .object({
        /**
         * Wire a phone number: claim one (countryCode/type/prefix) or use `existingNumberArn`.
         * Off by default: Japanese numbers cannot be claimed through the API (support case first).
         */
        enabled: z.boolean().default(false),
        countryCode: z
          .string()
          .regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 country such as "JP"')
          .default('JP'),
        type: z.enum(['DID', 'TOLL_FREE']).default('DID'),
        /** E.164 prefix to claim within, for example "+813" for Tokyo. */
        prefix: z
          .string()
          .regex(/^\+\d{1,14}$/, 'expected an E.164 prefix such as "+813"')
          .optional(),
        /**
         * A number already claimed to the instance (for example through an AWS support case): nothing
         * is claimed, this number is associated with the inbound flow. countryCode/type/prefix are unused.
         */
        existingNumberArn: z
          .string()
          .regex(
            PHONE_NUMBER_ARN,
            'expected a phone number ARN "arn:aws:connect:<region>:<account>:phone-number/<id>" (ListPhoneNumbersV2 format, without "instance/")',
          )
          .optional(),
        /** Caller ID name on outbound calls and callbacks; defaults to instanceAlias. */
        callerIdName: z.string().min(1).max(255).optional(),
      })
      .strict()
      .default({ enabled: false, countryCode: 'JP', type: 'DID' }),
    hoursOfOperation: z
      .record(nameSchema, hoursSchema)
      .default({ BusinessHours: { description: 'Weekdays 09:00–18:00', schedule: defaultSchedule } }),
    queues: z.array(queueSchema).default([
      { name: 'General', description: 'Everyone who is not a priority customer', hours: 'BusinessHours' },
      { name: 'Priority', description: 'Gold and platinum customers', hours: 'BusinessHours' },
    ]),
    routingProfile: z
      .object({
        name: nameSchema.default('Agents'),
        voice: z.number().int().min(1).max(1).default(1),
        chat: z.number().int().min(1).max(10).default(2),
        task: z.number().int().min(1).max(10).default(3),
      })
      .strict()
      .default({ name: 'Agents', voice: 1, chat: 2, task: 3 }),
    /** Agents created as Connect users; their passwords are generated into Secrets Manager. */
    agents: z.array(agentSchema).default([]),
    retention: z
      .object({
        /** Lambda and flow log retention. */
        logDays: retentionDays.default(365),
        /** Call recordings and chat transcripts in S3. */
        recordingsDays: z.number().int().min(1).default(400),
        /** Contact trace record stream retention (Kinesis: 24–8760 hours). */
        contactRecordStreamHours: z.number().int().min(24).max(8760).default(24),
      })
      .strict()
      .default({ logDays: 365, recordingsDays: 400, contactRecordStreamHours: 24 }),
    /** Chat, web form and email intake (lib/intake). */
    intake: z
      .object({
        /** Web origins (https) allowed to call POST /chat and POST /inquiries and to use Connect chat. */
        approvedOrigins: z
          .array(z.url({ protocol: /^https$/, error: 'expected an https origin such as "https://www.example.com"' }))
          .default([]),
        /** Stage throttling of the public intake (and the history API): the global cap of each route. */
        throttling: z
          .object({ rateLimit: z.number().positive(), burstLimit: z.number().int().positive() })
          .strict()
          .default({ rateLimit: 10, burstLimit: 20 }),
        /**
         * Per-client limit of the public intake (AWS WAF rate-based rule on the source IP): a client
         * over `requests` within `windowSeconds` is answered 429 (docs/intake.md#public-front-per-client-rate-limits).
         */
        perClientRateLimit: z
          .object({
            requests: z.number().int().min(10).max(2_000_000_000).default(DEFAULT_PER_CLIENT_RATE_LIMIT.requests),
            windowSeconds: z
              .union([z.literal(60), z.literal(120), z.literal(300), z.literal(600)], {
                error: 'expected 60, 120, 300 or 600 (the windows AWS WAF rate-based rules support)',
              })
              .default(DEFAULT_PER_CLIENT_RATE_LIMIT.windowSeconds),
          })
          .strict()
          .default(DEFAULT_PER_CLIENT_RATE_LIMIT),
        /** Email receiving; omit to have no email channel (SES needs a verified domain). */
        email: z
          .object({
            domain: z
              .string()
              .regex(/^(?=.{1,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/i, 'expected a domain such as "support.example.com"'),
            recipients: z.array(z.string().min(1)).optional(),
            /** Sends an acknowledgement with the inquiry id from this address; omit for none. */
            acknowledgementFrom: z.email('expected an email address').optional(),
            rawMessageRetentionDays: z.number().int().min(1).default(90),
            /**
             * Make this stack's receipt rule set the active one. An account has ONE active set per
             * region: set false and merge the rule into your active set instead (docs/intake.md).
             */
            activateRuleSet: z.boolean().default(true),
          })
          .strict()
          .optional(),
        /** Add every voice and chat contact record (CTR) to the caller's history. */
        contactRecords: z.boolean().default(true),
      })
      .strict()
      .default({
        approvedOrigins: [],
        throttling: { rateLimit: 10, burstLimit: 20 },
        perClientRateLimit: DEFAULT_PER_CLIENT_RATE_LIMIT,
        contactRecords: true,
      }),
    /**
     * Lambda concurrency (docs/configuration.md#lambda-concurrency): what callers wait on is
     * reserved, what queues drive is capped, so an email or VOC burst cannot take the concurrency
     * the IVR needs. Reserved concurrency comes out of the account's pool, which must keep at
     * least 100 unreserved.
     */
    concurrency: z
      .object({
        /** Reserved for ivr-lookup (callers wait on it); 0 = none, for accounts with nothing to reserve. */
        ivrLookupReserved: z.number().int().min(0).max(900).default(DEFAULT_CONCURRENCY.ivrLookupReserved),
        /** Most email-intake invocations at once (SQS event source maximum concurrency). */
        emailIntakeMax: z.number().int().min(2).max(1000).default(DEFAULT_CONCURRENCY.emailIntakeMax),
        /** Most VOC analyzer invocations at once (SQS event source maximum concurrency). */
        vocAnalyzerMax: z.number().int().min(2).max(1000).default(DEFAULT_CONCURRENCY.vocAnalyzerMax),
        /** Batches ctr-processor works on per stream shard at once (Kinesis parallelization factor). */
        ctrProcessorPerShard: z.number().int().min(1).max(10).default(DEFAULT_CONCURRENCY.ctrProcessorPerShard),
      })
      .strict()
      .default(DEFAULT_CONCURRENCY),
    /** Days the whole center is closed: Connect hours-of-operation overrides (docs/configuration.md#operating-calendar). */
    calendar: calendarSchema.default({
      nationalHolidays: true,
      yearEndClosure: { from: '12-29', to: '01-03' },
      closures: [],
      horizonMonths: 13,
    }),
    /** The agent app in the Connect agent workspace (lib/agent-app, docs/configuration.md#agent-app). */
    agentApp: agentAppSchema.default(DEFAULT_AGENT_APP),
    /** Where alarms go. Without it, alarms are created with no subscriber. */
    alarmEmail: z.email('expected an email address').optional(),
    /** Alarm thresholds of the operations dashboard (docs/operations.md: what each alarm means, what to do). */
    alarms: z
      .object({
        /** Flow error branches taken (ContactFlowErrors, all flows) in 5 minutes that raise the alarm. */
        flowErrorsPer5Minutes: z.number().int().min(1).default(5),
        /** ivr-lookup invocations that failed in 5 minutes that raise the alarm. */
        ivrLookupErrorsPer5Minutes: z.number().int().min(1).default(1),
        /** ivr-lookup p99 duration (ms) over 5 minutes above which callers wait too long (Connect gives up at 8 s). */
        ivrLookupP99Ms: z.number().int().min(100).max(8000).default(1000),
        /** Age (minutes) of the oldest VOC message waiting for analysis. */
        vocBacklogMinutes: z.number().int().min(1).max(20160).default(60),
        /** Age (minutes) of the oldest contact record not yet read from the stream. */
        contactRecordIteratorAgeMinutes: z.number().int().min(1).max(1440).default(5),
        /** Intake API 5xx answers in 5 minutes that raise the alarm. */
        api5xxPer5Minutes: z.number().int().min(1).default(1),
      })
      .strict()
      .default({
        flowErrorsPer5Minutes: 5,
        ivrLookupErrorsPer5Minutes: 1,
        ivrLookupP99Ms: 1000,
        vocBacklogMinutes: 60,
        contactRecordIteratorAgeMinutes: 5,
        api5xxPer5Minutes: 1,
      }),
  })
  .strict()
  .superRefine((c, ctx) => {
    for (const required of ['General', 'Priority']) {
      if (!c.queues.some((q) => q.name === required)) {
        ctx.addIssue({ code: 'custom', path: ['queues'], message: `a queue named "${required}" is required` });
      }
    }
    if (OPERATING_CALENDAR_HOURS in c.hoursOfOperation) {
      ctx.addIssue({
        code: 'custom',
        path: ['hoursOfOperation', OPERATING_CALENDAR_HOURS],
        message: `"${OPERATING_CALENDAR_HOURS}" is reserved for the hours the stack adds for the operating calendar`,
      });
    }
    const seenQueues = new Set<string>();
    c.queues.forEach((q, i) => {
      if (seenQueues.has(q.name))
        ctx.addIssue({ code: 'custom', path: ['queues', i, 'name'], message: `duplicate queue "${q.name}"` });
      seenQueues.add(q.name);
      if (!(q.hours in c.hoursOfOperation)) {
        ctx.addIssue({
          code: 'custom',
          path: ['queues', i, 'hours'],
          message: `expected one of hoursOfOperation: ${Object.keys(c.hoursOfOperation).join(', ')}`,
        });
      }
    });
    const seenLanguages = new Set<string>();
    c.languages.forEach((l, i) => {
      if (seenLanguages.has(l.code))
        ctx.addIssue({ code: 'custom', path: ['languages', i, 'code'], message: `duplicate language "${l.code}"` });
      seenLanguages.add(l.code);
    });
    const seenUsers = new Set<string>();
    c.agents.forEach((a, i) => {
      if (seenUsers.has(a.username))
        ctx.addIssue({
          code: 'custom',
          path: ['agents', i, 'username'],
          message: `duplicate username "${a.username}"`,
        });
      seenUsers.add(a.username);
      if (a.routingProfile !== c.routingProfile.name) {
        ctx.addIssue({
          code: 'custom',
          path: ['agents', i, 'routingProfile'],
          message: `expected "${c.routingProfile.name}" (the routing profile defined in routingProfile.name)`,
        });
      }
    });
    const phone = c.phoneNumber;
    if (phone.existingNumberArn !== undefined) {
      if (!phone.enabled) {
        ctx.addIssue({
          code: 'custom',
          path: ['phoneNumber', 'enabled'],
          message: 'expected true when existingNumberArn is set (or remove existingNumberArn)',
        });
      }
      const region = PHONE_NUMBER_ARN.exec(phone.existingNumberArn)?.[1];
      if (region !== undefined && region !== c.region) {
        ctx.addIssue({
          code: 'custom',
          path: ['phoneNumber', 'existingNumberArn'],
          message: `expected a number in the stack's region ${c.region} (claimed to this instance), got ${region}`,
        });
      }
    } else if (phone.enabled && phone.countryCode === 'JP') {
      ctx.addIssue({
        code: 'custom',
        path: ['phoneNumber', 'countryCode'],
        message:
          'Japanese (JP) numbers cannot be claimed through the API: deploy without a number, obtain one for this instance through an AWS support case, then set phoneNumber.existingNumberArn (docs/deploy.md#japanese-phone-numbers)',
      });
    }
    const seenDispositions = new Set<string>();
    c.agentApp.dispositions.forEach((d, i) => {
      if (seenDispositions.has(d.id))
        ctx.addIssue({
          code: 'custom',
          path: ['agentApp', 'dispositions', i, 'id'],
          message: `duplicate disposition "${d.id}"`,
        });
      seenDispositions.add(d.id);
    });
    if (c.agents.length > 0 && c.identityManagement.type === 'SAML') {
      ctx.addIssue({
        code: 'custom',
        path: ['agents'],
        message: 'agents come from the identity provider with SAML: leave agents empty',
      });
    }
  });

export type ContactCenterConfig = z.output<typeof ConfigSchema>;
export type QueueConfig = ContactCenterConfig['queues'][number];
export type AgentConfig = ContactCenterConfig['agents'][number];
export type HoursConfig = ContactCenterConfig['hoursOfOperation'][string];
export type AlarmThresholds = ContactCenterConfig['alarms'];
export type AgentAppConfig = ContactCenterConfig['agentApp'];

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly issues: string[],
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

const ROOT_KEY = 'contactCenter';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep merge for objects; arrays and scalars from `override` replace those of `base`. */
export function mergeConfig(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override === undefined ? base : override;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(override)) out[k] = mergeConfig(base[k], v);
  return out;
}

function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : `${acc}.${String(p)}`), ROOT_KEY);
}

/**
 * Validates raw configuration (the `contactCenter` context value) for environment `env`.
 * @throws ConfigError naming every bad key and what was expected.
 */
export function parseConfig(raw: unknown, env?: string): ContactCenterConfig {
  const root = raw === undefined ? {} : raw;
  if (!isPlainObject(root)) {
    throw new ConfigError(`${ROOT_KEY}: expected an object`, [`${ROOT_KEY}: expected an object`]);
  }
  const { environments, ...base } = root;
  let merged: unknown = base;
  if (env !== undefined) {
    const envs = isPlainObject(environments) ? environments : {};
    if (!(env in envs)) {
      const known = Object.keys(envs);
      const msg = `${ROOT_KEY}.environments.${env}: unknown environment (known: ${known.length ? known.join(', ') : 'none'})`;
      throw new ConfigError(msg, [msg]);
    }
    merged = mergeConfig(base, envs[env]);
  }
  const result = ConfigSchema.safeParse(merged);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
    throw new ConfigError(
      `Invalid contact center configuration${env ? ` (env=${env})` : ''}:\n  ${issues.join('\n  ')}`,
      issues,
    );
  }
  return result.data;
}

/** Reads config from a CDK construct node's context (`contactCenter`, `env`). */
export function configFromContext(tryGetContext: (key: string) => unknown): ContactCenterConfig {
  const env = tryGetContext('env');
  if (env !== undefined && typeof env !== 'string') {
    throw new ConfigError('env: expected a string', ['env: expected a string']);
  }
  return parseConfig(tryGetContext(ROOT_KEY), env);
}

/** The default (first) language. */
export function defaultLanguage(config: ContactCenterConfig): ContactCenterConfig['languages'][number] {
  return config.languages[0]!;
}

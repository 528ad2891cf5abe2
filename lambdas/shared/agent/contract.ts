import { z } from 'zod';
import { CHANNELS, type Customer, INQUIRY_STATUSES, type Interaction, LANGUAGES, TIERS } from '../customer-data/model';

/**
 * The agent API's contract, shared by the API (lambdas/agent-api, and the local console through the same
 * router) and the agent app (agent-app/, which imports these TYPES only, so zod stays out of its bundle).
 *
 * Routes, relative to the API base (`/api` behind CloudFront, `/agent/api` on the local console); every
 * route needs an authenticated agent (Cognito JWT on AWS, the chosen local agent locally):
 *
 * | route | answer |
 * |---|---|
 * | `GET /me` | {@link MeResponse}: who is signed in, their role, the dispositions, the center's time zone |
 * | `GET /search?q=` | {@link SearchResponse}: by phone (any format), email, or name (kanji or kana); capped |
 * | `GET /customers/{id}` | {@link CustomerResponse} (access trail) |
 * | `GET /customers/{id}/timeline?limit&cursor` | {@link TimelineResponse}, newest first (access trail) |
 * | `GET /contact-points/timeline?phone=|email=&limit&cursor` | {@link TimelineResponse} of contacts kept under a number or address (claimed contacts; access trail) |
 * | `PUT /contacts/{contactId}/wrap-up` {@link WrapUpRequest} | {@link WrapUpResponse}: 201 first time, 200 when it replaces this contact's entry |
 * | `PUT /customers/{id}/latest-inquiry` {@link InquiryStatusRequest} | {@link CustomerResponse}; 409 when the latest inquiry is not `inquiryId` any more |
 * | `POST /interactions/link` {@link LinkRequest} | {@link LinkResponse}: a claimed contact confirmed as an existing customer's, or made a new customer |
 *
 * Errors: `{ error, message, issues?: [{ field, reason }] }` with 400 (names each field), 401 (no or bad
 * credentials), 403 (the role may not do this: {@link AgentRole}), 404, 409, 500 (nothing internal revealed);
 * also 405 (a known route with another method), 415 (a PUT/POST body that is not application/json) and
 * 503 `AccessTrailUnavailable` (a read whose access-trail entry could not be written returns no data).
 * Every read route also takes `?contactId=` (the contact being handled), kept in the access trail.
 */

/** Agents take contacts and write wrap-ups; supervisors also reopen resolved inquiries and replace another agent's wrap-up. */
export const AGENT_ROLES = ['agent', 'supervisor'] as const;
export type AgentRole = (typeof AGENT_ROLES)[number];

/** The signed-in person, from the JWT on AWS (`cognito:username`, group `supervisors`) or the local agent picker. */
export interface AgentPrincipal {
  username: string;
  role: AgentRole;
  displayName?: string;
}

/** A wrap-up outcome an administrator configures (`contactCenter.agentApp.dispositions`). */
export const DispositionSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'expected a lower-case id such as "resolved" (a–z, 0–9, -; ≤ 40)'),
  ja: z.string().min(1).max(60),
  en: z.string().min(1).max(60),
});
export type Disposition = z.infer<typeof DispositionSchema>;

export const MAX_NOTE_CHARS = 2000;
export const MAX_SEARCH_RESULTS = 20;

/** A customer as the agent sees it: the stored profile and its phones as people write them (03-1234-5678). */
export type AgentCustomer = Customer & { phonesNational: string[] };

export interface MeResponse {
  agent: AgentPrincipal;
  dispositions: Disposition[];
  timeZone: string;
}

export interface SearchResponse {
  /** How `q` was read. */
  kind: 'phone' | 'email' | 'name';
  customers: AgentCustomer[];
  /** More customers matched than {@link MAX_SEARCH_RESULTS}: the agent should narrow the search. */
  truncated: boolean;
}

export interface CustomerResponse {
  customer: AgentCustomer;
}

export interface TimelineResponse {
  customer?: AgentCustomer;
  owner: { customerId: string } | { phone: string } | { email: string };
  interactions: Interaction[];
  cursor?: string;
}

export const ContactPointSchema = z.union([
  z.strictObject({ phone: z.string().min(1).max(40) }),
  z.strictObject({ email: z.string().min(3).max(254) }),
]);

export const WrapUpRequestSchema = z.strictObject({
  /** The customer the contact is recorded for; absent for a contact nobody owns yet (then `contactPoint`). */
  customerId: z.string().min(1).max(128).optional(),
  contactPoint: ContactPointSchema.optional(),
  channel: z.enum(CHANNELS),
  disposition: z.string().min(1).max(40),
  note: z.string().max(MAX_NOTE_CHARS).optional(),
  /** Sets the customer's latest inquiry's status as part of the wrap-up (same rules as PUT latest-inquiry). */
  inquiryStatus: z.enum(INQUIRY_STATUSES).optional(),
});
export type WrapUpRequest = z.infer<typeof WrapUpRequestSchema>;

export interface WrapUpResponse {
  /** The contact's agent entry in the history (sourceId `agent-wrap-up:<contactId>`). */
  interaction: Interaction;
  customer?: AgentCustomer;
  replaced: boolean;
}

export const InquiryStatusRequestSchema = z.strictObject({
  inquiryId: z.string().min(1).max(128),
  status: z.enum(INQUIRY_STATUSES),
});
export type InquiryStatusRequest = z.infer<typeof InquiryStatusRequestSchema>;

export const NewCustomerSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  nameKana: z.string().trim().max(200).optional(),
  tier: z.enum(TIERS).optional(),
  language: z.enum(LANGUAGES).optional(),
});

export const LinkRequestSchema = z.strictObject({
  /** The claimed contact (its interaction's sourceId: the chat's contact id, the email's Message-ID…). */
  sourceId: z.string().min(1).max(1100),
  /** Confirm it as this customer's, or make a new customer of it. */
  target: z.union([
    z.strictObject({ customerId: z.string().min(1).max(128) }),
    z.strictObject({ newCustomer: NewCustomerSchema }),
  ]),
  /** How the agent verified the caller (kept with the link, e.g. 「生年月日と登録住所を確認」). */
  verification: z.string().trim().min(1).max(500),
});
export type LinkRequest = z.infer<typeof LinkRequestSchema>;

export interface LinkResponse {
  customer: AgentCustomer;
  interaction: Interaction;
  newCustomer: boolean;
}

export interface ApiErrorBody {
  error: string;
  message: string;
  issues?: { field: string; reason: string }[];
}

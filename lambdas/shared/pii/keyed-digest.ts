import { createHmac } from 'node:crypto';
import type { PiiRedactor } from './redactor';

/**
 * Keyed digests (HMAC-SHA256) of identifiers that must not reach the lake as they are but must still
 * group: the same source id always gives the same digest (duplicates collapse, rows join), and
 * without the key nobody can test a guess (a Message-ID, a phone number) against it. The key comes
 * from Secrets Manager on AWS (read once per container) and from `<home>/voc/source-id-key` locally.
 */
export class KeyedDigest {
  private readonly key: Buffer;

  constructor(key: string | Buffer) {
    this.key = typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
    if (this.key.length < 32) throw new Error('the digest key must be at least 32 bytes');
  }

  /** 64 hex characters. `purpose` separates the digests of different fields. */
  digest(purpose: string, value: string): string {
    return createHmac('sha256', this.key).update(`${purpose}\u0000${value}`, 'utf8').digest('hex');
  }
}

/** What the lake holds in `source_id`: `src_` + the keyed digest of the producer's source id. */
export function lakeSourceId(digest: KeyedDigest, sourceId: string): string {
  return `src_${digest.digest('source_id', sourceId)}`;
}

/**
 * What the lake holds in `customer_id`: the id itself when it is an opaque id (`C-0101`), else
 * (an email, a phone number, a name: anything the redactor finds, or an `@`) `cust_` + a keyed
 * digest, so the same customer still groups in the reports.
 */
export function lakeCustomerId(digest: KeyedDigest, redactor: PiiRedactor, customerId: string): string {
  const found = Object.keys(redactor.redactLocally(customerId).counts).length > 0;
  if (!found && !/[@\s]/.test(customerId)) return customerId;
  return `cust_${digest.digest('customer_id', customerId).slice(0, 32)}`;
}

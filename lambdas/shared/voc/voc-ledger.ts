/**
 * Idempotency ledger keyed by source id: a redelivered message is never written to the lake twice.
 *
 * Protocol (same on AWS and locally): `claim` before analysis (a conditional write that succeeds only
 * when the source id is unknown, or when an earlier claim's lease expired), `complete` once the lake
 * accepted the record, `release` when analysis failed so the redelivery can claim again. A claim
 * held by a live attempt answers `in_progress` and the message is retried later.
 *
 * Remaining window (documented in docs/voc.md): a crash after the lake accepted the record but
 * before `complete` lets the record be written again once the lease expires.
 */
export type ClaimResult = 'claimed' | 'duplicate' | 'in_progress';

export interface VocLedger {
  claim(sourceId: string, now: Date): Promise<ClaimResult>;
  complete(sourceId: string, now: Date): Promise<void>;
  release(sourceId: string): Promise<void>;
}

/** Longer than the analyzer's Lambda timeout, shorter than the queue's visibility timeout. */
export const DEFAULT_CLAIM_LEASE_MS = 5 * 60 * 1000;

import { type ClaimResult, DEFAULT_CLAIM_LEASE_MS, type VocLedger } from './voc-ledger';

/**
 * {@link VocLedger} in memory, with the same claim/lease semantics as the DynamoDB ledger. Used by
 * the file ledger of `voc ingest` (which persists completed ids) and by tests.
 */
export class InMemoryVocLedger implements VocLedger {
  protected readonly done = new Set<string>();
  private readonly claims = new Map<string, number>();

  constructor(
    initiallyDone: Iterable<string> = [],
    private readonly leaseMs = DEFAULT_CLAIM_LEASE_MS,
  ) {
    for (const id of initiallyDone) this.done.add(id);
  }

  async claim(sourceId: string, now: Date): Promise<ClaimResult> {
    if (this.done.has(sourceId)) return 'duplicate';
    const lease = this.claims.get(sourceId);
    if (lease !== undefined && lease >= now.getTime()) return 'in_progress';
    this.claims.set(sourceId, now.getTime() + this.leaseMs);
    return 'claimed';
  }

  async complete(sourceId: string): Promise<void> {
    this.claims.delete(sourceId);
    this.done.add(sourceId);
  }

  async release(sourceId: string): Promise<void> {
    this.claims.delete(sourceId);
  }

  /** Source ids analyzed so far. */
  get completed(): ReadonlySet<string> {
    return this.done;
  }
}

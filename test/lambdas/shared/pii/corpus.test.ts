import { PiiRedactor } from '../../../../lambdas/shared/pii/redactor';
import { PatternPiiApproximation } from '../../../../lambdas/shared/voc/pattern-pii-approximation';
import { leaks, loadPiiCorpus, lost } from '../../../support/pii-corpus';

/**
 * The PII corpus (test/fixtures/pii/corpus.json) through the redaction module as `voc ingest` runs it
 * (English layer: the offline PatternPiiApproximation): no case may leak a PII string, and none may
 * lose a sentiment or topic word. The end-to-end run through `voc ingest` is in
 * test/local/voc/ingest-pii-corpus.test.ts.
 */

const corpus = loadPiiCorpus();
let redactor: PiiRedactor;
beforeAll(async () => {
  redactor = await PiiRedactor.create({ english: new PatternPiiApproximation() });
});

describe('PII corpus', () => {
  it('holds dozens of cases, every one with PII and with words to keep', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(50);
    for (const c of corpus) {
      expect(c.pii.length).toBeGreaterThan(0);
      expect(c.keep.length).toBeGreaterThan(0);
    }
    expect(new Set(corpus.map((c) => c.id)).size).toBe(corpus.length);
  });

  it.each(corpus.map((c) => [c.id, c] as const))('%s: no leak, no lost word', async (_id, c) => {
    const { text } = await redactor.redact(c.text);
    expect({ text, leaked: leaks(text, c.pii), lost: lost(text, c.keep) }).toEqual({ text, leaked: [], lost: [] });
  });
});

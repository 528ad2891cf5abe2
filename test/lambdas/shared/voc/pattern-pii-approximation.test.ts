import { KeyedDigest } from '../../../../lambdas/shared/pii/keyed-digest';
import { PiiRedactor } from '../../../../lambdas/shared/pii/redactor';
import { VocAnalyzer } from '../../../../lambdas/shared/voc/analyzer';
import { InMemoryVocLedger } from '../../../../lambdas/shared/voc/in-memory-voc-ledger';
import { LexiconSentimentApproximation } from '../../../../lambdas/shared/voc/lexicon-sentiment-approximation';
import {
  findPiiEntitiesByPattern,
  PatternPiiApproximation,
} from '../../../../lambdas/shared/voc/pattern-pii-approximation';
import { redactEntities } from '../../../../lambdas/shared/voc/pii';
import type { VocLakeRecord } from '../../../../lambdas/shared/voc/voc-lake';

const redact = (text: string) => redactEntities(text, findPiiEntitiesByPattern(text));

describe('PatternPiiApproximation (offline, NOT Comprehend DetectPiiEntities)', () => {
  it.each([
    ['I am + two capitalized words', 'Hi, I am John Smith, thanks', 'Hi, I am [NAME], thanks'],
    ["I'm (curly apostrophe)", 'I’m Jane Doe.', 'I’m [NAME].'],
    ['my name is (one word)', 'my name is Bob and', 'my name is [NAME] and'],
    ['My name is (three words)', 'My name is Mary Ann Lee.', 'My name is [NAME].'],
    ['this is', 'Hello, this is Ken Watanabe calling', 'Hello, this is [NAME] calling'],
    ['hyphen and apostrophe names', "I'm Sean O'Neil-Smith", "I'm [NAME]"],
    ['Mc names', 'this is Ronald McDonald', 'this is [NAME]'],
    ['Mr.', 'Mr. Tanaka helped me', 'Mr. [NAME] helped me'],
    ['Ms without a dot, two words', 'ask Ms Jane Roe', 'ask Ms [NAME]'],
    ['Mrs.', 'Mrs. Sato', 'Mrs. [NAME]'],
    ['Dr.', 'Dr. Who', 'Dr. [NAME]'],
    ['sign-off name', 'Thanks for nothing.\nRegards,\nJane Roe', 'Thanks for nothing.\nRegards,\n[NAME]'],
    ['lower-case listed names', 'i am john smith and i was charged twice', 'i am [NAME] and i was charged twice'],
    [
      'a listed given name mid-sentence with a capitalized surname',
      'yesterday Sarah Connor hung up',
      'yesterday [NAME] hung up',
    ],
    ['romanized Japanese surname', 'please ask for tanaka', 'please ask for [NAME]'],
    ['an unlisted name after a cue', 'call me zorblax', 'call me [NAME]'],
    ['relation cue', 'my wife anna was angry', 'my wife [NAME] was angry'],
    ['lower-case street address', 'ship to 12 oak st, portland', 'ship to [ADDRESS], portland'],
    ['P.O. box', 'P.O. Box 1234', '[ADDRESS]'],
    ['Street', 'I live at 123 Main Street now', 'I live at [ADDRESS] now'],
    ['Street with city', 'at 123 Main Street, Springfield…', 'at [ADDRESS]…'],
    ['St.', 'ship to 9 Elm St. today', 'ship to [ADDRESS] today'],
    ['Avenue', '350 Fifth Avenue', '[ADDRESS]'],
    ['Ave', '1600 Pennsylvania Ave', '[ADDRESS]'],
    ['Road', '10 Downing Road', '[ADDRESS]'],
    ['Rd', '42 Abbey Rd', '[ADDRESS]'],
    ['Boulevard', '8 Sunset Boulevard', '[ADDRESS]'],
    ['Blvd', '8 Sunset Blvd', '[ADDRESS]'],
    ['Lane', '7 Penny Lane', '[ADDRESS]'],
    ['Ln', '7 Penny Ln', '[ADDRESS]'],
    ['Drive', '1 Infinite Loop Drive', '[ADDRESS]'],
    [
      'Dr with unit, city, state, ZIP',
      'to 4500 North Lake Shore Dr., Apt 4B, Chicago, IL 60611 please',
      'to [ADDRESS] please',
    ],
  ])('%s', (_name, input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it.each([
    ['feelings after I am', 'I am Very Angry. I am happy.'],
    ['a single capitalized word after I am', 'I am Frank about it'],
    ['numbers before non-street words', 'I called 3 Main offices about 2 Big Problems'],
    ['lower-case names off its lists (a known limit)', 'i am zorblax quintrell'],
    ['Japanese script (the job of the Japanese analyzer)', '山田太郎です'],
    ['words after a cue that are not names', 'please ask for a refund, I spoke to your manager'],
  ])('leaves alone: %s', (_name, input) => {
    expect(redact(input)).toBe(input);
  });

  it('answers code-point offsets like Comprehend', () => {
    const text = '𠮷 I am Ann Lee';
    expect(findPiiEntitiesByPattern(text)).toEqual([{ type: 'NAME', begin: 7, end: 14, score: 0.5 }]);
    expect(redactEntities(text, findPiiEntitiesByPattern(text))).toBe('𠮷 I am [NAME]');
  });

  it('implements the PII port for English only', async () => {
    const pii = new PatternPiiApproximation();
    expect(pii.supportsPii('en')).toBe(true);
    expect(pii.supportsPii('ja')).toBe(false);
    expect(await pii.detectPiiEntities('en', 'I am John Smith')).toEqual([
      { type: 'NAME', begin: 5, end: 15, score: 0.5 },
    ]);
  });

  it('is the default PII detector of the lexicon approximation (and can be turned off)', async () => {
    const withPii = new LexiconSentimentApproximation();
    expect(withPii.piiEngine).toBe('pattern-pii-approximation');
    expect(withPii.supportsPii('en')).toBe(true);
    expect(await withPii.detectPiiEntities('en', 'Mr. Smith')).toHaveLength(1);
    const without = new LexiconSentimentApproximation({ pii: null });
    expect(without.piiEngine).toBe('none');
    expect(without.supportsPii('en')).toBe(false);
  });
});

describe('VocAnalyzer with the offline approximations', () => {
  it('redacts names and addresses before key phrases are computed, so none reaches the lake', async () => {
    const records: VocLakeRecord[] = [];
    const analytics = new LexiconSentimentApproximation();
    const analyzer = new VocAnalyzer({
      analytics,
      redactor: await PiiRedactor.create({ english: analytics }),
      digest: new KeyedDigest('test-digest-key-of-at-least-32-bytes'),
      ledger: new InMemoryVocLedger(),
      lake: {
        put: async (r) => {
          records.push(...r);
          return { failedSourceIds: [] };
        },
      },
    });
    const text =
      'Hi, I am John Smith, I live at 123 Main Street, Springfield and my parcel from Acme Logistics is late. ' +
      'Please call (206) 555-0100.';

    const { counts } = await analyzer.analyze([
      { recordId: 'r1', messages: [{ sourceId: 's1', channel: 'EMAIL', at: '2025-04-01T00:00:00Z', text }] },
    ]);

    expect(counts).toMatchObject({ analyzed: 1, piiRequests: 1 });
    expect(counts.redactions).toEqual({ PHONE: 1, NAME: 1, ADDRESS: 1 });
    const [record] = records;
    expect(record?.language).toBe('en');
    expect(record?.text_redacted).toBe(
      'Hi, I am [NAME], I live at [ADDRESS] and my parcel from Acme Logistics is late. Please call [PHONE].',
    );
    expect(record?.key_phrases).toContain('acme logistics');
    expect(JSON.stringify(record?.key_phrases)).not.toMatch(/john|smith|main|street|springfield|206|0100/);
  });
});

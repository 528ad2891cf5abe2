import {
  extractKeyPhrases,
  guessLanguage,
  LexiconSentimentApproximation,
} from '../../../../lambdas/shared/voc/lexicon-sentiment-approximation';

const engine = new LexiconSentimentApproximation();

async function label(language: string, text: string) {
  const [r] = await engine.detectSentiment(language, [text]);
  if (!r?.ok) throw new Error('no result');
  return r.value;
}

describe('LexiconSentimentApproximation (not Comprehend)', () => {
  it.each([
    ['ja', '迅速で丁寧な対応をありがとうございました。', 'POSITIVE'],
    ['ja', '荷物が届かないし、問い合わせても返事がなくて本当に困っています。', 'NEGATIVE'],
    ['ja', '満足できません。', 'NEGATIVE'],
    ['ja', '住所を変更したいです。', 'NEUTRAL'],
    ['ja', '対応は丁寧でしたが、配送が遅いです。', 'MIXED'],
    ['en', 'Thanks, the agent was very helpful!', 'POSITIVE'],
    ['en', 'The agent was not helpful and the delivery is late.', 'NEGATIVE'],
    ['en', 'I would like to update my address.', 'NEUTRAL'],
  ])('%s: %s → %s', async (language, text, expected) => {
    const r = await label(language, text);
    expect(r.sentiment).toBe(expected);
    const sum = r.scores.positive + r.scores.negative + r.scores.neutral + r.scores.mixed;
    expect(sum).toBeCloseTo(1, 9);
  });

  it('scores strongly negative text at least 0.75 negative', async () => {
    expect((await label('ja', '配送が遅れて、本当に困っています。最悪です。')).scores.negative).toBeGreaterThanOrEqual(
      0.75,
    );
  });

  it('guesses ja or en from the script', () => {
    expect(guessLanguage('荷物が届きません')).toBe('ja');
    expect(guessLanguage('My parcel has not arrived')).toBe('en');
  });

  it('extracts kanji/katakana compounds and English noun runs as key phrases', () => {
    expect(
      extractKeyPhrases('ja', '配送状況の確認をお願いします。アプリのログインができません。').map((p) => p.text),
    ).toEqual(expect.arrayContaining(['配送状況', '確認', 'アプリ', 'ログイン']));
    expect(extractKeyPhrases('en', 'The mobile app login keeps failing.').map((p) => p.text)).toContain(
      'mobile app login',
    );
  });

  it('detects English PII entities offline with the pattern approximation only (none for Japanese)', async () => {
    expect(engine.supportsPii('en')).toBe(true);
    expect(engine.supportsPii('ja')).toBe(false);
    expect(await engine.detectPiiEntities('en', 'I am John Smith')).toEqual([
      { type: 'NAME', begin: 5, end: 15, score: 0.5 },
    ]);
    expect(new LexiconSentimentApproximation({ pii: null }).supportsPii('en')).toBe(false);
  });
});

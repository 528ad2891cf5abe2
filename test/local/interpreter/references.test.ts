import { evaluateText, findReferences } from '../../../local/interpreter';
import { isSingleReference } from '../../../local/interpreter/references';

// biome-ignore lint/suspicious/noTemplateCurlyInString: a deploy-time placeholder, as exported flows contain
const ACCOUNT_TOKEN = '${ACCT_ID}';

const root = {
  Attributes: { name: '山田', 'a b': 'spaced', tier: 'gold' },
  External: { displayName: '山田 太郎', nested: { level: '2' }, count: 3 },
  FlowAttributes: { 'acme-fn': 'arn:fn' },
  AwsRegion: 'ap-northeast-1',
};

describe('dynamic text', () => {
  it('replaces a reference followed by Japanese text and keeps the text', () => {
    // Act
    const text = evaluateText('こんにちは $.External.displayName様、ようこそ', root);

    // Assess
    expect(text).toBe('こんにちは 山田 太郎様、ようこそ');
  });

  it('ends a reference at punctuation and keeps a trailing dot as text', () => {
    expect(evaluateText('Tier: $.Attributes.tier. Thanks, $.Attributes.name!', root)).toBe('Tier: gold. Thanks, 山田!');
  });

  it('reads bracketed names with spaces, with or without the leading dot', () => {
    expect(evaluateText("[$.Attributes.['a b']] [$.Attributes['a b']]", root)).toBe('[spaced] [spaced]');
  });

  it('turns unknown paths and unknown roots into an empty string', () => {
    expect(evaluateText('<$.Attributes.missing><$.Lex.IntentName><$.External.nested.none>', root)).toBe('<><><>');
  });

  it('reads nested JSON results and numbers as text', () => {
    expect(evaluateText('$.External.nested.level/$.External.count', root)).toBe('2/3');
  });

  it('allows hyphens in names and stops at a colon (deploy-time tokens are left alone)', () => {
    expect(evaluateText(`arn:aws:lambda:$.AwsRegion:${ACCOUNT_TOKEN}:function:$.FlowAttributes.acme-fn`, root)).toBe(
      `arn:aws:lambda:ap-northeast-1:${ACCOUNT_TOKEN}:function:arn:fn`,
    );
  });

  it('never reads prototype properties as values', () => {
    expect(evaluateText('$.Attributes.constructor$.Attributes.toString', root)).toBe('');
  });

  it('finds each reference with its segments', () => {
    expect(findReferences("a $.Attributes.['x y'].z b").map((r) => r.segments)).toEqual([['Attributes', 'x y', 'z']]);
  });

  it('tells a single reference from text containing one', () => {
    expect(isSingleReference('$.Attributes.tier')).toBe(true);
    expect(isSingleReference('tier $.Attributes.tier')).toBe(false);
    expect(isSingleReference('$.')).toBe(false);
  });
});

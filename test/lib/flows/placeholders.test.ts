// biome-ignore-all lint/suspicious/noTemplateCurlyInString: flow placeholders are written ${Name}, as in the flow files
import { findPlaceholders, substitutePlaceholders } from '../../../lib/flows/placeholders';
import { asSingleReference, findReferences } from '../../../lib/flows/references';

describe('substitutePlaceholders', () => {
  it('replaces known placeholders and reports the unresolved ones once each', () => {
    const content =
      '{"a":"${Queue:General}","b":"${Queue:Missing}","c":"${Queue:Missing}","d":"${IvrLookupFunctionArn}"}';
    const result = substitutePlaceholders(content, {
      'Queue:General': 'arn:aws:connect:ap-northeast-1:111111111111:instance/i/queue/q1',
      IvrLookupFunctionArn: 'arn:aws:lambda:ap-northeast-1:111111111111:function:ivr-lookup',
    });
    expect(JSON.parse(result.content)).toEqual({
      a: 'arn:aws:connect:ap-northeast-1:111111111111:instance/i/queue/q1',
      b: '${Queue:Missing}',
      c: '${Queue:Missing}',
      d: 'arn:aws:lambda:ap-northeast-1:111111111111:function:ivr-lookup',
    });
    expect(result.unresolved).toEqual(['${Queue:Missing}']);
  });

  it('leaves $. references alone: they are runtime references, not placeholders', () => {
    const content = '{"Text":"$.External.greetingName 様 ${Voice:ja-JP}"}';
    const result = substitutePlaceholders(content, { 'Voice:ja-JP': 'Kazuha' });
    expect(result).toEqual({ content: '{"Text":"$.External.greetingName 様 Kazuha"}', unresolved: [] });
    expect(findPlaceholders('$.Attributes.tier and $.External.x')).toEqual([]);
  });

  it('escapes values so the JSON stays valid', () => {
    const result = substitutePlaceholders('{"Text":"${Quote}"}', { Quote: 'say "hi" \\ bye' });
    expect(JSON.parse(result.content)).toEqual({ Text: 'say "hi" \\ bye' });
  });
});

describe('references', () => {
  it('ends a path at punctuation, spaces, Japanese text and a trailing dot', () => {
    const text =
      "Hello $.External.FirstName, $.Attributes.tier. $.External.greetingName様 $.Attributes.['a b'] $.AwsRegion:x";
    expect(findReferences(text).map((r) => r.text)).toEqual([
      '$.External.FirstName',
      '$.Attributes.tier',
      '$.External.greetingName',
      "$.Attributes.['a b']",
      '$.AwsRegion',
    ]);
  });

  it('recognizes a single reference only when the whole value is one path', () => {
    expect(asSingleReference('$.FlowAttributes.acme-exampleFunction')?.segments).toEqual([
      'FlowAttributes',
      'acme-exampleFunction',
    ]);
    expect(asSingleReference('tier: $.Attributes.tier')).toBeUndefined();
    expect(asSingleReference('$.Attributes.tier ')).toBeUndefined();
  });
});

import { redactEntities } from '../../../../lambdas/shared/voc/pii';

describe('redactEntities', () => {
  it('replaces spans by code-point offsets and skips overlaps', () => {
    const text = '𠮷野家の Ann Lee と Bob';
    // 𠮷 is one character (two UTF-16 units): "Ann Lee" starts at character 5.
    expect(
      redactEntities(text, [
        { type: 'NAME', begin: 5, end: 12 },
        { type: 'NAME', begin: 8, end: 12 },
        { type: 'NAME', begin: 15, end: 18 },
      ]),
    ).toBe('𠮷野家の [NAME] と [NAME]');
  });
});

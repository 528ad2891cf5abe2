import { chunkText, cutToBytes, utf8Bytes } from '../../../../lambdas/shared/voc/text';

describe('cutToBytes', () => {
  it('keeps text under the limit whole', () => {
    expect(cutToBytes('こんにちは', 15)).toBe('こんにちは');
  });

  it('never splits a multi-byte character or a surrogate pair', () => {
    expect(cutToBytes('あいう', 8)).toBe('あい');
    expect(cutToBytes('a😀b', 4)).toBe('a');
    expect(cutToBytes('a😀b', 5)).toBe('a😀');
  });
});

describe('chunkText', () => {
  it('prefers sentence ends and respects both limits', () => {
    const text = `${'あ'.repeat(400)}。${'い'.repeat(300)}。`;
    const chunks = chunkText(text, { maxChars: 500, maxChunks: 5 });
    expect(chunks[0]).toBe(`${'あ'.repeat(400)}。`);
    expect(chunks.join('')).toBe(text);
    const byBytes = chunkText('漢'.repeat(4000), { maxBytes: 4999, maxChunks: 5 });
    expect(byBytes.map(utf8Bytes)).toEqual([4998, 4998, 2004]);
  });

  it('stops after maxChunks', () => {
    expect(chunkText('x'.repeat(2000), { maxChars: 500, maxChunks: 2 })).toHaveLength(2);
  });
});

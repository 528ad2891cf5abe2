import { classifySearch } from '../../../../agent-app/src/logic/search-input';

describe('classifySearch', () => {
  it.each([
    ['０３−１２３４−５６７８', '0312345678'],
    ['03-1234-5678', '0312345678'],
    ['03ー1234ー5678', '0312345678'],
    ['(03) 1234 5678', '0312345678'],
    ['+81 3-1234-5678', '+81312345678'],
    ['＋８１９０１２３４５６７８', '+819012345678'],
  ])('reads %s as the phone number %s', (raw, q) => {
    expect(classifySearch(raw)).toEqual({ kind: 'phone', q });
  });

  it('reads email addresses, full-width too, in lower case', () => {
    expect(classifySearch(' Taro@Example.JP ')).toEqual({ kind: 'email', q: 'taro@example.jp' });
    expect(classifySearch('ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ')).toEqual({ kind: 'email', q: 'taro@example.jp' });
  });

  it('reads kana, half-width kana and kanji as names', () => {
    expect(classifySearch('ヤマダ タロウ')).toEqual({ kind: 'name', q: 'ヤマダ タロウ', script: 'kana' });
    expect(classifySearch('ﾔﾏﾀﾞ')).toEqual({ kind: 'name', q: 'ヤマダ', script: 'kana' });
    expect(classifySearch('やまだ')).toEqual({ kind: 'name', q: 'やまだ', script: 'kana' });
    expect(classifySearch('山田　太郎')).toEqual({ kind: 'name', q: '山田 太郎', script: 'kanji' });
    expect(classifySearch('Taro Yamada')).toEqual({ kind: 'name', q: 'Taro Yamada', script: 'latin' });
  });

  it('does not take a short number or an empty box for a phone', () => {
    expect(classifySearch('123').kind).toBe('name');
    expect(classifySearch('   ')).toEqual({ kind: 'empty' });
  });
});

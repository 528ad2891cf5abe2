import { luhnValid, redactEntities, redactPiiPatterns } from '../../../../lambdas/shared/voc/pii';

describe('redactPiiPatterns', () => {
  it.each([
    ['email', 'ご連絡は taro.yamada+support@example.co.jp まで', 'ご連絡は [EMAIL] まで', 'EMAIL'],
    ['full-width email', 'メール：ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏｍ', 'メール:[EMAIL]', 'EMAIL'],
    ['Tokyo landline', '電話は03-1234-5678です', '電話は[PHONE]です', 'PHONE'],
    ['mobile without separators', '09012345678に折り返し', '[PHONE]に折り返し', 'PHONE'],
    ['full-width mobile', '０９０－１２３４－５６７８へ', '[PHONE]へ', 'PHONE'],
    ['toll free', 'フリーダイヤル0120-123-456', 'フリーダイヤル[PHONE]', 'PHONE'],
    ['international', 'call +81 3 1234 5678 today', 'call [PHONE] today', 'PHONE'],
    ['US international', 'or +1 (206) 555-0100.', 'or [PHONE].', 'PHONE'],
    ['card with spaces (Luhn)', 'カード 4111 1111 1111 1111 で', 'カード [CARD_NUMBER] で', 'CARD_NUMBER'],
    ['card without separators', 'card 5500005555555559 ok', 'card [CARD_NUMBER] ok', 'CARD_NUMBER'],
    ['postal code with mark', '〒100-0001 東京都千代田区', '[POSTAL_CODE] 東京都千代田区', 'POSTAL_CODE'],
    ['bare postal code', '住所は 530-0001 大阪市', '住所は [POSTAL_CODE] 大阪市', 'POSTAL_CODE'],
    ['My Number', 'マイナンバーは123456789012です', 'マイナンバーは[MY_NUMBER]です', 'MY_NUMBER'],
    ['My Number grouped', '番号 1234 5678 9012 を', '番号 [MY_NUMBER] を', 'MY_NUMBER'],
  ])('redacts %s', (_name, input, expected, kind) => {
    const result = redactPiiPatterns(input);
    expect(result.text).toBe(expected);
    expect(result.counts[kind as keyof typeof result.counts]).toBe(1);
  });

  it.each([
    [
      'a 16-digit number failing Luhn is not a card (and not a My Number)',
      '注文番号 4111 1111 1111 1112',
      '注文番号 4111 1111 1111 1112',
    ],
    ['dates and times stay', '2025-04-01 10:30 に電話しました', '2025-04-01 10:30 に電話しました'],
    ['short order numbers stay', '注文 12345 と 987-65', '注文 12345 と 987-65'],
    ['13-digit number is not a My Number', '1234567890123', '1234567890123'],
  ])('keeps non-PII: %s', (_name, input, expected) => {
    expect(redactPiiPatterns(input).text).toBe(expected);
  });

  it('redacts several kinds in one text and counts each', () => {
    const r = redactPiiPatterns('a@b.jp 03-1234-5678 〒100-0001 4111-1111-1111-1111');
    expect(r.text).toBe('[EMAIL] [PHONE] [POSTAL_CODE] [CARD_NUMBER]');
    expect(r.counts).toEqual({ EMAIL: 1, PHONE: 1, POSTAL_CODE: 1, CARD_NUMBER: 1, MY_NUMBER: 0 });
  });
});

describe('luhnValid', () => {
  it('accepts valid and rejects invalid numbers', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('79927398713')).toBe(true);
  });
});

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

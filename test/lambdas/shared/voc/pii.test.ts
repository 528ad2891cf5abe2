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
    // Whole phone numbers, before the postal-code rule can take a part of them.
    ['NANP with parentheses', 'phone (206) 555-0100, thanks', 'phone [PHONE], thanks', 'PHONE'],
    ['NANP with +1 and hyphens', 'call +1 206-555-0100.', 'call [PHONE].', 'PHONE'],
    ['NANP with dots', 'call 206.555.0100 now', 'call [PHONE] now', 'PHONE'],
    ['NANP with hyphens', 'call 206-555-0100 now', 'call [PHONE] now', 'PHONE'],
    ['NANP with spaces', 'call 206 555 0100 now', 'call [PHONE] now', 'PHONE'],
    ['NANP with trunk prefix', 'toll free 1-800-555-0100', 'toll free [PHONE]', 'PHONE'],
    ['international with dots', 'or +1.206.555.0100', 'or [PHONE]', 'PHONE'],
    ['Japanese mobile with spaces', '携帯 090 1234 5678 まで', '携帯 [PHONE] まで', 'PHONE'],
    ['Japanese international with hyphens', '+81-3-1234-5678 へ', '[PHONE] へ', 'PHONE'],
    ['Japanese international with (0)', '+81 (0)3-1234-5678', '[PHONE]', 'PHONE'],
    ['full-width landline with minus signs', '０３−１２３４−５６７８です', '[PHONE]です', 'PHONE'],
    ['landline with area code in parentheses', '(03)1234-5678', '[PHONE]', 'PHONE'],
    ['postal code 〒 with hyphen', '〒150-0002 渋谷区', '[POSTAL_CODE] 渋谷区', 'POSTAL_CODE'],
    ['bare postal code 150-0002', '郵便番号 150-0002', '郵便番号 [POSTAL_CODE]', 'POSTAL_CODE'],
    ['postal code 〒 without separator', '〒1500002 渋谷区', '[POSTAL_CODE] 渋谷区', 'POSTAL_CODE'],
    ['full-width postal code', '〒１５０－０００２', '[POSTAL_CODE]', 'POSTAL_CODE'],
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
    ['7 digits without 〒 are not a postal code', '注文番号 1500002', '注文番号 1500002'],
    ['version numbers and decimals stay', 'v1.2.3 costs 3.14159', 'v1.2.3 costs 3.14159'],
    ['a NANP-like number with a 0/1 area code stays', 'ref 106-555-0100x', 'ref 106-555-0100x'],
  ])('keeps non-PII: %s', (_name, input, expected) => {
    expect(redactPiiPatterns(input).text).toBe(expected);
  });

  it('redacts several kinds in one text and counts each', () => {
    const r = redactPiiPatterns('a@b.jp 03-1234-5678 〒100-0001 4111-1111-1111-1111');
    expect(r.text).toBe('[EMAIL] [PHONE] [POSTAL_CODE] [CARD_NUMBER]');
    expect(r.counts).toEqual({ EMAIL: 1, PHONE: 1, POSTAL_CODE: 1, CARD_NUMBER: 1, MY_NUMBER: 0 });
  });

  it('never leaves a part of a phone number behind a postal-code placeholder', () => {
    const r = redactPiiPatterns('Hi, phone (206) 555-0100 or 206.555.0100, 〒150-0002');
    expect(r.text).toBe('Hi, phone [PHONE] or [PHONE], [POSTAL_CODE]');
    expect(r.counts).toMatchObject({ PHONE: 2, POSTAL_CODE: 1 });
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

import { ibanValid, luhnValid, myNumberValid } from '../../../../lambdas/shared/pii/checksums';
import { KeyedDigest, lakeCustomerId, lakeSourceId } from '../../../../lambdas/shared/pii/keyed-digest';
import { type EnglishPiiDetector, PiiRedactor } from '../../../../lambdas/shared/pii/redactor';

/**
 * The shared redaction module, layer by layer (the corpus test, test/lambdas/shared/pii/corpus.test.ts,
 * holds the realistic messages). The Japanese analyzer is the real kuromoji with its dictionary.
 */

let redactor: PiiRedactor;
beforeAll(async () => {
  redactor = await PiiRedactor.create({ english: null });
});

describe('PiiRedactor.redactLocally: patterns', () => {
  it.each([
    ['email', 'ご連絡は taro.yamada+support@example.co.jp まで', 'ご連絡は [EMAIL] まで', 'EMAIL'],
    ['full-width email', 'メール：ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏｍ', 'メール:[EMAIL]', 'EMAIL'],
    ['Tokyo landline', '電話は03-1234-5678です', '電話は[PHONE]です', 'PHONE'],
    ['mobile without separators', '09012345678に折り返し', '[PHONE]に折り返し', 'PHONE'],
    ['full-width mobile', '０９０－１２３４－５６７８へ', '[PHONE]へ', 'PHONE'],
    ['toll free', 'フリーダイヤル0120-123-456', 'フリーダイヤル[PHONE]', 'PHONE'],
    ['international', 'call +81 3 1234 5678 today', 'call [PHONE] today', 'PHONE'],
    ['US international', 'or +1 (206) 555-0100.', 'or [PHONE].', 'PHONE'],
    ['card with spaces (Luhn)', 'カード 4111 1111 1111 1111 で', 'カード [CARD] で', 'CARD'],
    ['card without separators', 'card 5500005555555559 ok', 'card [CARD] ok', 'CARD'],
    ['postal code with mark, then an address', '〒100-0001 東京都千代田区', '[POSTAL_CODE] [ADDRESS]', 'POSTAL_CODE'],
    ['bare postal code', '住所は 530-0001 大阪市', '住所は [POSTAL_CODE] 大阪市', 'POSTAL_CODE'],
    ['My Number', 'マイナンバーは123456789012です', 'マイナンバーは[MY_NUMBER]です', 'MY_NUMBER'],
    ['My Number grouped (check digit)', '番号 1234 5678 9018 を', '番号 [MY_NUMBER] を', 'MY_NUMBER'],
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
    const result = redactor.redactLocally(input);
    expect(result.text).toBe(expected);
    expect(result.counts[kind]).toBe(1);
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
    expect(redactor.redactLocally(input).text).toBe(expected);
  });

  it('redacts several kinds in one text and counts each', () => {
    const r = redactor.redactLocally('a@b.jp 03-1234-5678 〒100-0001 4111-1111-1111-1111');
    expect(r.text).toBe('[EMAIL] [PHONE] [POSTAL_CODE] [CARD]');
    expect(r.counts).toEqual({ EMAIL: 1, PHONE: 1, POSTAL_CODE: 1, CARD: 1 });
  });

  it('never leaves a part of a phone number behind a postal-code placeholder', () => {
    const r = redactor.redactLocally('Hi, phone (206) 555-0100 or 206.555.0100, 〒150-0002');
    expect(r.text).toBe('Hi, phone [PHONE] or [PHONE], [POSTAL_CODE]');
    expect(r.counts).toMatchObject({ PHONE: 2, POSTAL_CODE: 1 });
  });
});

describe('PiiRedactor.redactLocally: the spellings people use', () => {
  it.each([
    ['phone with spaced dashes', '090 - 1234 - 5678 に', '[PHONE] に'],
    ['phone with nakaguro', '090・1234・5678', '[PHONE]'],
    ['phone with wave dashes', '03〜1234〜5678', '[PHONE]'],
    ['phone with long vowel marks', '090ー1234ー5678', '[PHONE]'],
    ['phone in kanji numerals', '〇九〇の一二三四の五六七八へ', '[PHONE]へ'],
    ['phone with ideographic spaces', '０９０　１２３４　５６７８', '[PHONE]'],
    ['two phones in a row', '03-1234-5678 090-1111-2222', '[PHONE] [PHONE]'],
    ['TEL label glued', 'TEL09012345678', 'TEL[PHONE]'],
    ['My Number with nakaguro', '1234・5678・9018', '[MY_NUMBER]'],
    ['My Number failing its check digit, labelled', 'マイナンバー 1234 5678 9012', 'マイナンバー [MY_NUMBER]'],
    ['card with double spaces and mixed separators', '4111  1111-1111 1111', '[CARD]'],
    ['card with expiry and CVV after it', '5500 0055 5555 5559 12/27 123', '[CARD] [CARD_EXPIRY] [CARD_CVV]'],
    [
      'labelled expiry and CVV',
      '有効期限は2027年12月、セキュリティコード 987',
      '有効期限は[CARD_EXPIRY]、セキュリティコード [CARD_CVV]',
    ],
    ['Japanese local part', '山田太郎@example.jp まで', '[EMAIL] まで'],
    ['IDN domain', 'info@例え.テスト', '[EMAIL]'],
    ['spelled-out email', 'john.smith at gmail dot com', '[EMAIL]'],
    ['bracketed email', 'taro [at] example [dot] co [dot] jp', '[EMAIL]'],
    ['katakana at/dot', 'hanako アット example ドット jp', '[EMAIL]'],
    ['IBAN grouped', 'IBAN GB82 WEST 1234 5698 7654 32 please', 'IBAN [IBAN] please'],
    ['SSN', 'my ssn 123-45-6789', 'my ssn [SSN]'],
    ['passport', 'passport number TK1234567', 'passport number [PASSPORT]'],
    ['licence', '運転免許証番号は123456789012です', '運転免許証番号は[DRIVER_LICENSE]です'],
    ['bank account', '口座番号 1234567', '口座番号 [BANK_ACCOUNT]'],
    ['IPv4 and IPv6', 'from 203.0.113.7 and 2001:db8::1', 'from [IP_ADDRESS] and [IP_ADDRESS]'],
    [
      'URL secrets',
      'https://example.com/reset?token=abc123&u=9',
      'https://example.com/reset?token=[URL_SECRET]&u=[URL_SECRET]',
    ],
  ])('redacts %s', (_name, input, expected) => {
    expect(redactor.redactLocally(input).text).toBe(expected);
  });

  it.each([
    ['times', '10:30:00 に電話'],
    ['a 12-digit number failing the My Number check, unlabelled', '注文 1234 5678 9012'],
    ['an IBAN failing mod 97', 'GB00 WEST 1234 5698 7654 32'],
    ['an order id glued to letters', 'ORD-0312345678'],
    ['URLs without secrets', 'https://example.com/help/faq'],
  ])('keeps %s', (_name, input) => {
    expect(redactor.redactLocally(input).text).toBe(input.normalize('NFKC'));
  });
});

describe('PiiRedactor.redactLocally: Japanese names and addresses', () => {
  it.each([
    ['surname + 様', '山田様、至急ご連絡ください', '[NAME]様、至急ご連絡ください'],
    ['full name + さん', '田中花子さんの対応に不満です', '[NAME]さんの対応に不満です'],
    ['spaced full name + 殿', '鈴木 一郎 殿', '[NAME] 殿'],
    ['unknown surname before an honorific', '小鳥遊さんが対応', '[NAME]さんが対応'],
    ['self-introduction', '私は小鳥遊と申します', '私は[NAME]と申します'],
    ['address with block numbers', '住所は東京都渋谷区神南1-2-3です', '住所は[ADDRESS]です'],
    ['address in kanji', '大阪市北区梅田一丁目2番3号に', '[ADDRESS]に'],
  ])('%s', (_name, input, expected) => {
    expect(redactor.redactLocally(input).text).toBe(expected);
  });

  it.each([
    ['role nouns with honorifics', 'お客様、担当者さんと運転手さんへ'],
    ['a prefecture alone', '大阪の店舗で買いました'],
    ['マイナンバー is a word, not a name', 'マイナンバーカードの件'],
  ])('keeps %s', (_name, input) => {
    expect(redactor.redactLocally(input).text).toBe(input);
  });
});

describe('PiiRedactor.redact: English entities on every Latin-script stretch', () => {
  it('sends the Latin stretches of a Japanese message and maps the entities back', async () => {
    const calls: string[] = [];
    const english: EnglishPiiDetector = {
      detectPiiEntities: async (_language, text) => {
        calls.push(text);
        const at = Array.from(text).join('').indexOf('John Smith');
        return at >= 0 ? [{ type: 'NAME', begin: at, end: at + 10 }] : [];
      },
    };
    const r = await redactor.withEnglish(english).redact('担当のJohn Smithの対応が不満です。電話 03-1234-5678');
    expect(r.text).toBe('担当の[NAME]の対応が不満です。電話 [PHONE]');
    expect(r.counts).toEqual({ NAME: 1, PHONE: 1 });
    expect(r.englishRequests).toBe(1);
    expect(calls).toEqual(['John Smith']);
  });

  it('keeps dates and ages Comprehend reports, and maps its types onto the same kinds', async () => {
    const english: EnglishPiiDetector = {
      detectPiiEntities: async () => [
        { type: 'DATE_TIME', begin: 20, end: 25 },
        { type: 'CREDIT_DEBIT_NUMBER', begin: 0, end: 4 },
      ],
    };
    const r = await redactor.withEnglish(english).redact('abcd charged twice on May 3');
    expect(r.text).toBe('[CARD] charged twice on May 3');
  });
});

describe('checksums', () => {
  it('Luhn, My Number, IBAN', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(myNumberValid('123456789018')).toBe(true);
    expect(myNumberValid('123456789012')).toBe(false);
    expect(ibanValid('GB82 WEST 1234 5698 7654 32')).toBe(true);
    expect(ibanValid('GB83 WEST 1234 5698 7654 32')).toBe(false);
  });
});

describe('keyed digests', () => {
  const digest = new KeyedDigest('k'.repeat(32));
  it('are stable per key and differ across keys, so duplicates collapse without revealing the id', () => {
    const id = '<CAF=abc@mail.example.com>';
    expect(lakeSourceId(digest, id)).toBe(lakeSourceId(digest, id));
    expect(lakeSourceId(digest, id)).toMatch(/^src_[0-9a-f]{64}$/);
    expect(lakeSourceId(new KeyedDigest('j'.repeat(32)), id)).not.toBe(lakeSourceId(digest, id));
  });
  it('keep opaque customer ids and replace ones that carry PII', () => {
    expect(lakeCustomerId(digest, redactor, 'C-0101')).toBe('C-0101');
    expect(lakeCustomerId(digest, redactor, 'taro@example.jp')).toMatch(/^cust_[0-9a-f]{32}$/);
    expect(lakeCustomerId(digest, redactor, '09012345678')).toMatch(/^cust_[0-9a-f]{32}$/);
  });
  it('refuse a short key', () => {
    expect(() => new KeyedDigest('short')).toThrow(/32 bytes/);
  });
});

describe('PiiRedactor.redactManyLocally (key phrases)', () => {
  it('redacts each phrase in one pass and gives one result per phrase', () => {
    const phrases = ['山田太郎様', '配送の遅延', '090-1234-5678', '鈴木', '一郎'];
    expect(redactor.redactManyLocally(phrases)).toEqual(['[NAME]様', '配送の遅延', '[PHONE]', '[NAME]', '[NAME]']);
  });
});

describe('PiiRedactor on hostile input', () => {
  it('tokenizes a long unbroken run in segments and still finds the names in it', () => {
    const filler = 'あ'.repeat(150);
    const text = `${filler}、山田様${filler}、佐藤さん${'x'.repeat(3000)}。鈴木 一郎 殿`;
    const out = redactor.redactLocally(text).text;
    expect(out).toBe(`${filler}、[NAME]様${filler}、[NAME]さん${'x'.repeat(3000)}。[NAME] 殿`);
  });

  it('does not take repeated IBAN-like junk for IBANs', () => {
    expect(redactor.redactLocally('GB82 '.repeat(200)).counts).toEqual({});
  });
});

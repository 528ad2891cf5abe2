import {
  greetingName,
  greetingSentence,
  inquiryStatusMessage,
  unidentifiedCallerMessage,
} from '../../../lambdas/ivr-lookup/messages';

describe('greetingName', () => {
  it.each([
    ['山田 太郎', 'ja-JP', '山田'],
    ['佐藤　花子', 'ja-JP', '佐藤'],
    ['  鈴木 一郎 ', 'ja-JP', '鈴木'],
    ['田中', 'ja-JP', '田中'],
    ['John Smith', 'en-US', 'John Smith'],
  ] as const)('%s (%s) → %s', (name, language, expected) => {
    expect(greetingName(name, language)).toBe(expected);
  });
});

describe('inquiryStatusMessage', () => {
  it.each([
    ['received', 'お問い合わせ（番号 INQ-1）は受け付け済みです。担当者より順次ご連絡いたします。'],
    ['in_progress', 'お問い合わせ（番号 INQ-1）は現在対応中です。'],
    ['waiting_for_customer', 'お問い合わせ（番号 INQ-1）は、お客様からのご返信をお待ちしております。'],
    ['resolved', 'お問い合わせ（番号 INQ-1）は解決済みです。'],
  ] as const)('words %s in Japanese', (status, sentence) => {
    expect(inquiryStatusMessage('ja-JP', { id: 'INQ-1', subject: '件名', status })).toBe(sentence);
  });

  it('words a resolved inquiry and the absence of one in English', () => {
    expect(inquiryStatusMessage('en-US', { id: 'INQ-7', subject: 's', status: 'resolved' })).toBe(
      'Your inquiry, number INQ-7, has been resolved.',
    );
    expect(inquiryStatusMessage('en-US', undefined)).toBe('We have no open inquiry on record for you.');
  });
});

describe('greetingSentence', () => {
  it('glues 様 to the family name in Japanese and uses the full name in English', () => {
    expect(greetingSentence('山田 太郎', 'ja-JP')).toBe(
      '山田様、お電話ありがとうございます。いつもご利用いただきありがとうございます。',
    );
    expect(greetingSentence('佐藤\u3000花子', 'ja-JP')).toMatch(/^佐藤様、/);
    expect(greetingSentence('Emily Johnson', 'en-US')).toBe('Hello Emily Johnson, thank you for calling.');
  });
});

describe('unidentifiedCallerMessage', () => {
  it('explains in each language why no status can be read out', () => {
    expect(unidentifiedCallerMessage('ja-JP')).toContain('ご登録のお電話番号');
    expect(unidentifiedCallerMessage('en-US')).toContain('registered number');
  });
});

import { translator } from '../../../../agent-app/src/i18n';
import {
  channelWord,
  INQUIRY_STATUS_CODES,
  identityWord,
  inquiryStatusWord,
  interactionStatusWord,
  nameKanaOf,
  sentimentWord,
  tierWord,
} from '../../../../agent-app/src/logic/words';
import { CHANNELS, INQUIRY_STATUSES } from '../../../../lambdas/shared/customer-data/model';

const ja = translator('ja-JP');
const en = translator('en-US');

describe('status words', () => {
  it('words every inquiry status of the model in both languages', () => {
    expect([...INQUIRY_STATUS_CODES]).toEqual([...INQUIRY_STATUSES]);
    for (const s of INQUIRY_STATUSES) {
      expect(inquiryStatusWord(ja, s)).not.toBe(s);
      expect(inquiryStatusWord(en, s)).not.toBe(s);
    }
    expect(inquiryStatusWord(ja, 'waiting_for_customer')).toBe('お客様の返答待ち');
    expect(inquiryStatusWord(en, 'resolved')).toBe('Resolved');
  });

  it('words contact-record statuses and shows an unknown code as itself', () => {
    expect(interactionStatusWord(ja, 'completed')).toBe('対応済み');
    expect(interactionStatusWord(ja, 'abandoned')).toBe('放棄 (キューで切断)');
    expect(interactionStatusWord(en, 'self_service')).toBe('Self-service in the IVR');
    expect(interactionStatusWord(ja, 'escalated_to_legal')).toBe('escalated_to_legal');
    expect(interactionStatusWord(ja, 'toString')).toBe('toString');
    expect(interactionStatusWord(ja, undefined)).toBeUndefined();
  });

  it('words every channel, sentiment and tier', () => {
    for (const c of CHANNELS) expect(channelWord(ja, c)).not.toBe(c);
    expect(channelWord(ja, 'WEB_FORM')).toBe('ウェブフォーム');
    expect(sentimentWord(ja, 'NEGATIVE')).toBe('否定的');
    expect(sentimentWord(en, 'mixed')).toBe('Mixed');
    expect(sentimentWord(ja, undefined)).toBeUndefined();
    expect(tierWord(ja, 'platinum')).toBe('プラチナ');
  });

  it('says how an entry was identified', () => {
    expect(identityWord(ja, 'verified', 'one-time-code')).toBe('本人確認済み (ワンタイムコード)');
    expect(identityWord(ja, 'claimed', undefined)).toBe('自己申告 (未確認)');
    expect(identityWord(en, undefined, undefined)).toBeUndefined();
    // A claimed contact an agent confirmed after verbal verification (the API's `agent` method).
    expect(identityWord(ja, 'verified', 'agent', 'sato')).toBe('本人確認済み (オペレーター sato が確認)');
    expect(identityWord(en, 'verified', 'agent')).toBe('Verified (confirmed by an agent)');
    expect(identityWord(ja, 'verified', 'fingerprint')).toBe('本人確認済み (fingerprint)');
  });

  it('reads a customer’s furigana when the API sends one', () => {
    const customer = {
      customerId: 'C-1',
      name: '山田 太郎',
      phones: [],
      phonesNational: [],
      tier: 'gold' as const,
      language: 'ja-JP' as const,
      createdAt: '',
      updatedAt: '',
    };
    expect(nameKanaOf({ ...customer, nameKana: 'ヤマダ タロウ' } as typeof customer)).toBe('ヤマダ タロウ');
    expect(nameKanaOf(customer)).toBeUndefined();
  });
});

import type { AgentContact } from '../../../../agent-app/src/contact/contact-provider';
import { translator } from '../../../../agent-app/src/i18n';
import {
  claimedSourceId,
  contactIdentityWord,
  contactOwner,
  ivrSteps,
  searchPrefill,
  shownEndpoint,
} from '../../../../agent-app/src/logic/contact-view';
import type { Interaction } from '../../../../lambdas/shared/customer-data/model';

const ja = translator('ja-JP');
const en = translator('en-US');
const contact = (attributes: Record<string, string>, extra: Partial<AgentContact> = {}): AgentContact => ({
  contactId: 'ct-1',
  channel: 'VOICE',
  attributes,
  connectedAt: '2026-11-30T11:00:00.000Z',
  ...extra,
});

describe('contact view', () => {
  it('treats a caller-id match as not verified (caller id can be spoofed)', () => {
    const c = contact({ customerId: 'C-1', lookupResult: 'known' });
    expect(contactOwner(c)).toEqual({ kind: 'customer', customerId: 'C-1', claimed: false });
    expect(contactIdentityWord(ja, c)).toBe('発信者番号で照合（未確認）');
    expect(contactIdentityWord(ja, contact({ lookupResult: 'shared' }))).toBe('共有の電話番号 (複数のお客様)');
  });

  it('says how a verified chat was verified', () => {
    const c = contact({ customerId: 'C-1', identity: 'verified', verifiedBy: 'identity-token' }, { channel: 'CHAT' });
    expect(contactIdentityWord(ja, c)).toBe('本人確認済み (ウェブサイトのログイン)');
  });

  it('keeps a claimed chat under the contact point it claims', () => {
    const c = contact(
      { customerId: '', identity: 'claimed', claimedEmail: 'hanako@example.jp', claimedPhone: '' },
      { channel: 'CHAT' },
    );
    expect(contactOwner(c)).toEqual({ kind: 'contact-point', contactPoint: { email: 'hanako@example.jp' } });
    expect(contactIdentityWord(en, c)).toBe('Claimed (not verified)');
    expect(searchPrefill(c)).toBe('hanako@example.jp');
  });

  it('pre-fills the search with an unknown caller’s number', () => {
    const c = contact({ lookupResult: 'unknown' }, { customerEndpoint: '+819012345678' });
    expect(contactOwner(c)).toEqual({ kind: 'contact-point', contactPoint: { phone: '+819012345678' } });
    expect(searchPrefill(c)).toBe('+819012345678');
    expect(contactOwner(contact({}))).toEqual({ kind: 'unknown' });
  });

  it('words what the caller did in the IVR', () => {
    // As contact-flows/inbound-voice.json writes them: choices joined by ">", the status code read out.
    const c = contact({
      ivrMenu: 'status>agent>callback',
      ivrStatusHeard: 'waiting_for_customer',
      latestInquiryStatus: 'in_progress',
      callbackRequested: 'true',
    });
    expect(ivrSteps(ja, c)).toEqual([
      'お問い合わせ状況を選択',
      'オペレーターを選択',
      '折り返しを選択',
      '状況の案内を聞いた (お客様の返答待ち)',
      'コールバックを希望',
    ]);
    expect(ivrSteps(en, contact({ ivrMenu: 'english>no_choice' }))).toEqual([
      'Chose English',
      'Made no menu choice (sent to an agent)',
    ]);
    expect(ivrSteps(en, contact({ ivrMenu: 'agent', callbackRequested: 'false' }))).toEqual([
      'Chose to speak with an agent',
    ]);
    expect(ivrSteps(ja, contact({ ivrMenu: '7' }))).toEqual(['メニュー: 7']);
    expect(ivrSteps(ja, contact({}))).toEqual([]);
  });

  it('finds the claimed entry to link: the chat’s contact id, the form’s inquiry id, else the newest claimed', () => {
    const entry = (sourceId: string, identity?: 'claimed'): Interaction => ({
      channel: 'CHAT',
      direction: 'INBOUND',
      at: '2026-11-30T10:00:00Z',
      sourceId,
      identity,
    });
    const chat = contact({ identity: 'claimed' }, { contactId: 'chat-9', channel: 'CHAT' });
    expect(claimedSourceId(chat, [])).toBe('chat-9');
    expect(claimedSourceId(chat, [entry('other'), entry('chat-9', 'claimed')])).toBe('chat-9');
    const form = contact(
      { identity: 'claimed', inquiryChannel: 'WEB_FORM', latestInquiryId: 'INQ-7' },
      { channel: 'TASK' },
    );
    expect(claimedSourceId(form, [])).toBe('INQ-7');
    const email = contact({ identity: 'claimed', inquiryChannel: 'EMAIL' }, { channel: 'TASK' });
    expect(claimedSourceId(email, [entry('x'), entry('<m@example.jp>', 'claimed')])).toBe('<m@example.jp>');
  });

  it('shows the caller’s number as the customer’s phone is written, else as given', () => {
    const customer = { phones: ['+819011112222', '+81312345678'], phonesNational: ['090-1111-2222', '03-1234-5678'] };
    expect(shownEndpoint('+81312345678', customer)).toBe('03-1234-5678');
    expect(shownEndpoint('+81399990000', customer)).toBe('+81399990000');
    expect(shownEndpoint('taro.yamada@example.jp', undefined)).toBe('taro.yamada@example.jp');
  });
});

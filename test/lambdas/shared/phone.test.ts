import { normalizePhone } from '../../../lambdas/shared/phone';

describe('normalizePhone', () => {
  it.each([
    ['03-1234-5678', '+81312345678'],
    ['090-1234-5678', '+819012345678'],
    ['0120-123-456', '+81120123456'],
    ['+81 3 1234 5678', '+81312345678'],
    ['(03) 1234-5678', '+81312345678'],
    ['０３－１２３４－５６７８', '+81312345678'],
    ['+81312345678', '+81312345678'],
    ['+1 212-555-0100', '+12125550100'],
  ])('reads %s as %s with default country JP', (raw, e164) => {
    expect(normalizePhone(raw, 'JP')).toEqual({ ok: true, e164 });
  });

  it('reads national numbers in the given default country', () => {
    expect(normalizePhone('(212) 555-0100', 'US')).toEqual({ ok: true, e164: '+12125550100' });
  });

  it.each([null, undefined, '', '  ', 'anonymous', 'Anonymous', '+0', 'restricted', 'UNAVAILABLE', '非通知'])(
    'treats the withheld value %p as anonymous',
    (raw) => {
      expect(normalizePhone(raw, 'JP')).toMatchObject({ ok: false, reason: 'anonymous' });
    },
  );

  it.each(['12', 'abc', '03-1234-567x', '+81 3', 'sip:alice@example.com'])('rejects %p as invalid', (raw) => {
    expect(normalizePhone(raw, 'JP')).toEqual({ ok: false, reason: 'invalid', raw });
  });
});

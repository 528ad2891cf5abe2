import { csvImportRecords, validateImportRecord } from '../../../../lambdas/shared/customer-data/customer-import';
import { hiraganaToKatakana, nameSearchKey, normalizeKana } from '../../../../lambdas/shared/customer-data/kana';
import { aCustomer } from '../../../support/customers';
import { useLocalDynamoDb } from '../../../support/local-dynamodb';

describe('kana folding', () => {
  it('turns hiragana and half-width katakana into full-width katakana', () => {
    expect(hiraganaToKatakana('やまだ たろう')).toBe('ヤマダ タロウ');
    expect(normalizeKana('  ﾔﾏﾀﾞ　　ﾀﾛｳ ')).toBe('ヤマダ タロウ');
    expect(normalizeKana('さとう はなこ')).toBe('サトウ ハナコ');
  });

  it('compares names and readings without width, case, kana kind or spaces', () => {
    expect(nameSearchKey('山田　太郎')).toBe('山田太郎');
    expect(nameSearchKey('やまだ たろう')).toBe(nameSearchKey('ﾔﾏﾀﾞ ﾀﾛｳ'));
    expect(nameSearchKey('ＥＭＩＬＹ Johnson')).toBe('emilyjohnson');
    expect(nameSearchKey('ジョン・スミス')).toBe('ジョンスミス');
  });
});

describe('nameKana in the customer import', () => {
  const validate = (value: unknown) => validateImportRecord({ record: 0, value }, 'JP', new Map());

  it('stores a reading written in hiragana or half-width katakana as full-width katakana', () => {
    expect(validate({ customerId: 'C-1', name: '山田 太郎', nameKana: 'やまだ　たろう' }).customer?.nameKana).toBe(
      'ヤマダ タロウ',
    );
    expect(validate({ customerId: 'C-1', name: '山田 太郎', nameKana: 'ﾔﾏﾀﾞ ﾀﾛｳ' }).customer?.nameKana).toBe(
      'ヤマダ タロウ',
    );
  });

  it('invents no reading when none is given, and rejects one that is not kana, naming the field', () => {
    expect(validate({ customerId: 'C-1', name: '山田 太郎' }).customer).not.toHaveProperty('nameKana');
    expect(validate({ customerId: 'C-1', name: '山田 太郎', nameKana: '   ' }).customer).not.toHaveProperty('nameKana');
    expect(validate({ customerId: 'C-1', name: '山田 太郎', nameKana: '山田' }).issues).toEqual([
      { record: 0, field: 'nameKana', reason: expect.stringContaining('katakana') },
    ]);
  });

  it('reads the nameKana column of a CSV', async () => {
    const rows = [];
    for await (const raw of csvImportRecords(['customerId,name,nameKana\nC-1,佐藤 花子,さとう はなこ\nC-2,Emily,\n'])) {
      rows.push(validateImportRecord(raw, 'JP', new Map()).customer);
    }
    expect(rows.map((c) => c?.nameKana)).toEqual(['サトウ ハナコ', undefined]);
  });
});

describe('nameKana in the store (dynalite)', () => {
  const db = useLocalDynamoDb();

  it('is kept, changes count as changes, and removing it removes it', async () => {
    const store = db.store();
    await store.putCustomer(aCustomer({ nameKana: 'ヤマダ タロウ' }));
    expect((await store.getCustomer('C-1001'))?.nameKana).toBe('ヤマダ タロウ');
    await store.putCustomer(aCustomer({ nameKana: 'ヤマダ タロー' }));
    expect((await store.getCustomer('C-1001'))?.nameKana).toBe('ヤマダ タロー');
    await store.putCustomer(aCustomer());
    expect(await store.getCustomer('C-1001')).not.toHaveProperty('nameKana');
  });
});

import { htmlLang, LOCALES, MESSAGES, resolveLocale, translate } from '../../../agent-app/src/i18n';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n table', () => {
  it('has every key in every locale, none empty, with the same placeholders', () => {
    // Prepare
    const jaKeys = Object.keys(MESSAGES['ja-JP']).sort();
    // Act + Assess
    for (const locale of LOCALES) {
      expect(Object.keys(MESSAGES[locale]).sort()).toEqual(jaKeys);
      for (const key of jaKeys) {
        const text = MESSAGES[locale][key as keyof (typeof MESSAGES)['ja-JP']];
        expect(text.trim()).not.toBe('');
        expect(placeholders(text)).toEqual(placeholders(MESSAGES['ja-JP'][key as keyof (typeof MESSAGES)['ja-JP']]));
      }
    }
  });

  it('fills placeholders and leaves an unknown one visible', () => {
    expect(translate('ja-JP', 'wrapUpNoteCounter', { count: 12, max: 2000 })).toBe('12 / 2000 文字');
    expect(translate('en-US', 'wrapUpNoteCounter', { count: 1, max: 2000 })).toBe('1 / 2000 characters');
    expect(translate('ja-JP', 'wrapUpNoteCounter', { count: 3 })).toBe('3 / {max} 文字');
  });

  it('is Japanese first: English only when the agent’s language is English', () => {
    expect(resolveLocale(undefined, 'ja-JP')).toBe('ja-JP');
    expect(resolveLocale('en-GB', 'ja-JP')).toBe('en-US');
    expect(resolveLocale('en', 'ja-JP')).toBe('en-US');
    expect(resolveLocale('ja', 'en-US')).toBe('ja-JP');
    expect(resolveLocale('fr-FR', 'ja-JP')).toBe('ja-JP');
    expect(resolveLocale(undefined, 'en-US')).toBe('en-US');
    expect(htmlLang('ja-JP')).toBe('ja');
    expect(htmlLang('en-US')).toBe('en');
  });
});

import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { MESSAGES } from '../i18n/messages';

/**
 * The console page: one HTML document with inline CSS and JavaScript (no CDN, no build step), read
 * once from page.html next to this file, with the strings of local/i18n/messages.ts put in as JSON.
 */
export function renderConsolePage(): string {
  const html = readFileSync(path.join(__dirname, 'page.html'), 'utf8');
  // `<` escaped so no message can close the script element.
  const table = JSON.stringify(MESSAGES).replace(/</g, '\\u003c');
  return html.replace('/*I18N*/{}', () => table);
}

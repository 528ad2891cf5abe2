import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The console page: one HTML document with inline CSS and JavaScript (no CDN, no build step), read
 * once from page.html next to this file.
 */
export function renderConsolePage(): string {
  return readFileSync(path.join(__dirname, 'page.html'), 'utf8');
}

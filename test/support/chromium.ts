import { type Browser, chromium } from 'playwright-core';

/**
 * Debian's headless Chromium (test/support/ensure-chromium.sh installs it with fonts-noto-cjk), driven
 * by playwright-core, for the browser tests: no sandbox (CI runs as root), and nothing that would reach
 * out to the network on its own (updates, sync, QUIC).
 */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

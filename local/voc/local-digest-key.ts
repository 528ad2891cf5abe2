import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { KeyedDigest } from '../../lambdas/shared/pii/keyed-digest';

/** `<home>/voc/digest-key`: the local stand-in of the Secrets Manager secret VocPipeline creates. */
export function localDigestKeyPath(home: string): string {
  return join(home, 'voc', 'digest-key');
}

/**
 * The local digest key: 32 random bytes (hex) generated into the local home on first use, readable
 * by the owner only, then read back on every run so that digests (and duplicate detection in the
 * lake) stay stable across runs. Two processes racing to create it both end up with the winner's key.
 */
export function localDigestKey(home: string): KeyedDigest {
  const file = localDigestKeyPath(home);
  try {
    return new KeyedDigest(readFileSync(file, 'utf8').trim());
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return new KeyedDigest(readFileSync(file, 'utf8').trim());
}

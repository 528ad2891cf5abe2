/** An object key as S3 event notifications write it (URL-encoded, `+` for spaces) → the key itself. */
export function decodeS3Key(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

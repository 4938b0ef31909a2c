/**
 * Where photos live. Keys look like `<tenantId>/<name>`; implementations never
 * accept anything else, so a key can't escape its folder.
 */
export abstract class PhotoStorage {
  abstract put(key: string, body: Buffer, contentType: string): Promise<void>;
  abstract get(key: string): Promise<Buffer | null>;
  abstract delete(key: string): Promise<void>;
}

const KEY = /^[0-9a-f-]{36}\/(uploads\/)?[A-Za-z0-9_-]{1,128}(\.[a-z0-9]{1,5})?$/;

export function assertPhotoKey(key: string): void {
  if (!KEY.test(key)) throw new Error(`not a photo key: ${JSON.stringify(key)}`);
}

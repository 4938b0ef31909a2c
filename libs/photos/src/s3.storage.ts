import { PhotoStorage, assertPhotoKey } from './photo-storage';
import { SigV4Credentials, amzDate, payloadHash, signV4 } from './sigv4';

export interface S3StorageSettings extends SigV4Credentials {
  /** e.g. https://s3.example-rechenzentrum.de (path-style addressing). */
  endpoint: string;
  bucket: string;
}

/**
 * S3-compatible object storage with path-style URLs and SigV4, on fetch:
 * no SDK, the three calls the photo pipeline needs.
 */
export class S3PhotoStorage extends PhotoStorage {
  private readonly base: URL;

  constructor(private readonly settings: S3StorageSettings) {
    super();
    this.base = new URL(settings.endpoint);
  }

  private async send(method: 'PUT' | 'GET' | 'DELETE', key: string, body?: Buffer, contentType?: string): Promise<Response> {
    assertPhotoKey(key);
    const path = `${this.base.pathname.replace(/\/$/, '')}/${encodeURIComponent(this.settings.bucket)}/${key.split('/').map(encodeURIComponent).join('/')}`;
    const hash = payloadHash(body ?? '');
    const signed = signV4(
      { method, path, host: this.base.host, headers: contentType ? { 'content-type': contentType } : {}, payloadHash: hash, amzDate: amzDate(new Date()) },
      this.settings,
    );
    const { host: _host, ...headers } = signed.headers;
    return fetch(new URL(path, this.base), {
      method,
      headers: { ...headers, authorization: signed.authorization },
      body: body ? new Uint8Array(body) : undefined,
      signal: AbortSignal.timeout(15000),
    });
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    const response = await this.send('PUT', key, body, contentType);
    if (!response.ok) throw new Error(`S3 PUT ${key} failed: ${response.status} ${await response.text()}`);
  }

  async get(key: string): Promise<Buffer | null> {
    const response = await this.send('GET', key);
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`S3 GET ${key} failed: ${response.status}`);
    return Buffer.from(await response.arrayBuffer());
  }

  async delete(key: string): Promise<void> {
    const response = await this.send('DELETE', key);
    if (!response.ok && response.status !== 404) throw new Error(`S3 DELETE ${key} failed: ${response.status}`);
  }
}

import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { S3PhotoStorage } from './s3.storage';
import { signV4 } from './sigv4';

const credentials = { accessKeyId: 'TESTKEY', secretAccessKey: 'test-secret', region: 'eu-central-1' };

/** A minimal S3-compatible server that checks every request's signature, as a real one does. */
function startS3(): Promise<{ server: Server; url: string; objects: Map<string, Buffer> }> {
  const objects = new Map<string, Buffer>();
  const server = createServer(async (request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const headers = request.headers as Record<string, string>;
    const extra: Record<string, string> = headers['content-type'] ? { 'content-type': headers['content-type'] } : {};
    const expected = signV4({ method: request.method!, path: request.url!, host: headers.host, headers: extra, payloadHash: headers['x-amz-content-sha256'], amzDate: headers['x-amz-date'] }, credentials);
    if (headers.authorization !== expected.authorization) {
      response.writeHead(403).end('SignatureDoesNotMatch');
      return;
    }
    if (request.method === 'PUT') objects.set(request.url!, Buffer.concat(chunks));
    if (request.method === 'DELETE') objects.delete(request.url!);
    if (request.method === 'GET') {
      const object = objects.get(request.url!);
      response.writeHead(object ? 200 : 404).end(object ?? 'NoSuchKey');
      return;
    }
    response.writeHead(request.method === 'DELETE' ? 204 : 200).end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, objects, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

describe('S3PhotoStorage', () => {
  const key = '0b0f7c2e-6a55-4b8e-9a4c-1c2d3e4f5a6b/abc123-thumb.webp';

  it('puts, gets and deletes objects with signed path-style requests', async () => {
    const s3 = await startS3();
    try {
      const storage = new S3PhotoStorage({ ...credentials, endpoint: s3.url, bucket: 'mitreden-photos' });
      await storage.put(key, Buffer.from('webp bytes'), 'image/webp');
      expect([...s3.objects.keys()]).toEqual([`/mitreden-photos/${key}`]);
      expect((await storage.get(key))?.toString()).toBe('webp bytes');
      await storage.delete(key);
      await expect(storage.get(key)).resolves.toBeNull();
    } finally {
      s3.server.close();
    }
  });

  it('fails loudly on a wrong secret and refuses keys outside a tenant folder', async () => {
    const s3 = await startS3();
    try {
      const storage = new S3PhotoStorage({ ...credentials, secretAccessKey: 'wrong', endpoint: s3.url, bucket: 'b' });
      await expect(storage.put(key, Buffer.from('x'), 'image/webp')).rejects.toThrow(/403/);
      await expect(storage.get('../../etc/passwd')).rejects.toThrow(/not a photo key/);
    } finally {
      s3.server.close();
    }
  });
});

import { detectImageType } from './image-type';

const bytes = (...values: Array<number | string>) =>
  Buffer.concat(values.map((value) => (typeof value === 'string' ? Buffer.from(value, 'ascii') : Buffer.from([value]))));

describe('detectImageType', () => {
  it.each([
    ['JPEG', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0), 'image/jpeg'],
    ['PNG', bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0), 'image/png'],
    ['WebP', bytes('RIFF', 0, 0, 0, 0, 'WEBPVP8 '), 'image/webp'],
  ])('accepts %s by its magic bytes', (_, buffer, type) => {
    expect(detectImageType(buffer)).toEqual({ ok: true, type });
  });

  it.each([
    ['HEIC', bytes(0, 0, 0, 0x18, 'ftypheic', 0, 0), 'heic_not_supported'],
    ['HEIF mif1', bytes(0, 0, 0, 0x18, 'ftypmif1', 0, 0), 'heic_not_supported'],
    ['GIF', bytes('GIF89a'), 'unsupported_type'],
    ['HTML named .jpg', bytes('<html><script>'), 'unsupported_type'],
    ['PDF', bytes('%PDF-1.7'), 'unsupported_type'],
    ['empty', Buffer.alloc(0), 'empty'],
  ])('refuses %s with a clear message', (_, buffer, code) => {
    const result = detectImageType(buffer);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe(code);
      expect(result.message.de.length).toBeGreaterThan(10);
    }
  });
});

import sharp from 'sharp';
import { blurRegion, processPhoto } from './image-pipeline';

async function jpegWithGps(width: number, height: number, orientation = 1): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .jpeg()
    .withMetadata({ orientation })
    .withExif({ IFD0: { Make: 'TestCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '50/1 41/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '10/1 55/1 0/1' } })
    .toBuffer();
}

describe('processPhoto', () => {
  it('drops all EXIF including GPS and re-encodes to WebP', async () => {
    const input = await jpegWithGps(800, 600);
    expect((await sharp(input).metadata()).exif).toBeDefined();
    const result = await processPhoto(input);
    for (const output of [result.large, result.thumb]) {
      const metadata = await sharp(output).metadata();
      expect(metadata.format).toBe('webp');
      expect(metadata.exif).toBeUndefined();
      expect(metadata.xmp).toBeUndefined();
      expect(output.includes(Buffer.from('TestCam'))).toBe(false);
    }
    expect(result.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('limits the large image to 1600 px and makes a 320 px thumbnail', async () => {
    const result = await processPhoto(await jpegWithGps(4000, 3000));
    expect([result.width, result.height]).toEqual([1600, 1200]);
    const thumb = await sharp(result.thumb).metadata();
    expect([thumb.width, thumb.height]).toEqual([320, 320]);
  });

  it('applies the EXIF orientation before dropping it', async () => {
    // Orientation 6 = rotate 90° clockwise: a landscape capture shows as portrait.
    const input = await jpegWithGps(800, 400, 6);
    expect((await sharp(input).metadata()).orientation).toBe(6);
    const result = await processPhoto(input);
    expect([result.width, result.height]).toEqual([400, 800]);
  });

  it('rejects data that only claims to be an image', async () => {
    await expect(processPhoto(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from('not really a jpeg')]))).rejects.toThrow();
  });

  it('blurs a region and keeps the rest', async () => {
    const input = await sharp({ create: { width: 100, height: 100, channels: 3, background: { r: 255, g: 255, b: 255 } } })
      .composite([{ input: await sharp({ create: { width: 10, height: 100, channels: 3, background: { r: 0, g: 0, b: 0 } } }).png().toBuffer(), left: 20, top: 0 }])
      .png()
      .toBuffer();
    const output = await blurRegion(input, { x: 0, y: 0, width: 0.5, height: 1 });
    const { data } = await sharp(output).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => data[(y * 100 + x) * 3];
    expect(pixel(24, 50)).toBeGreaterThan(40);
    expect(pixel(90, 50)).toBeGreaterThan(240);
  });
});

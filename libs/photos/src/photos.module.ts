import { Global, Module } from '@nestjs/common';
import { AppConfig } from '@app/core';
import { LocalDiskPhotoStorage } from './local-disk.storage';
import { PhotoStorage } from './photo-storage';
import { S3PhotoStorage } from './s3.storage';

export function createPhotoStorage(config: AppConfig): PhotoStorage {
  const env = config.env;
  if (env.PHOTO_STORAGE === 's3') {
    return new S3PhotoStorage({ endpoint: env.S3_ENDPOINT!, bucket: env.S3_BUCKET!, region: env.S3_REGION, accessKeyId: env.S3_ACCESS_KEY_ID!, secretAccessKey: env.S3_SECRET_ACCESS_KEY! });
  }
  return new LocalDiskPhotoStorage(env.MEDIA_DIR);
}

@Global()
@Module({
  providers: [{ provide: PhotoStorage, inject: [AppConfig], useFactory: createPhotoStorage }],
  exports: [PhotoStorage],
})
export class PhotosModule {}

import { Global, Module } from '@nestjs/common';
import { AppConfig } from '@app/core';
import { LocalDiskPhotoStorage } from './local-disk.storage';
import { PhotoStorage } from './photo-storage';

@Global()
@Module({
  providers: [{ provide: PhotoStorage, inject: [AppConfig], useFactory: (config: AppConfig) => new LocalDiskPhotoStorage(config.env.MEDIA_DIR) }],
  exports: [PhotoStorage],
})
export class PhotosModule {}

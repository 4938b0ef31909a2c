export * from './image-type';
export * from './photo-storage';
export * from './local-disk.storage';
export * from './image-pipeline';
export * from './photos.module';

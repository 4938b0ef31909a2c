export * from './image-type';
export * from './photo-storage';
export * from './local-disk.storage';
export * from './s3.storage';
export * from './sigv4';
export * from './image-pipeline';
export * from './photos.module';
export * from './photo-upload-checks';

/** A photo as the HTTP layer hands it over: bytes only; the client's file name is never used. */
export interface UploadedPhoto {
  buffer: Buffer;
  size: number;
}

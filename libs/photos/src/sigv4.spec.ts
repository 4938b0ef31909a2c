import { payloadHash, signV4 } from './sigv4';

describe('signV4', () => {
  it('reproduces the GET example of the AWS S3 Signature Version 4 documentation', () => {
    const signed = signV4(
      { method: 'GET', path: '/test.txt', host: 'examplebucket.s3.amazonaws.com', headers: { range: 'bytes=0-9' }, payloadHash: payloadHash(''), amzDate: '20130524T000000Z' },
      { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', region: 'us-east-1' },
    );
    expect(signed.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });
});

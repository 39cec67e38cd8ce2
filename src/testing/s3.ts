// An S3-speaking server for tests and benchmarks: npm s3rver on a loopback port, with one bucket, and the
// standard AWS variables that point the real @aws-sdk/client-s3 at it (for ICSE_MEDIA_STORE=s3://<bucket>/…).
import path from 'node:path';
import S3rver from 's3rver';

export interface TestS3 {
  port: number;
  env: Record<string, string>;
  close: () => Promise<void>;
}

export async function startS3rver(directory: string, bucket = 'icse-media'): Promise<TestS3> {
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: path.resolve(directory),
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const { port } = await server.run();
  return {
    port,
    env: { AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' },
    close: () => server.close(),
  };
}

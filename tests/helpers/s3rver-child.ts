/**
 * s3rver (./s3rver.ts) as a process of its own, for specs that cannot load it in-process (Playwright): run
 * with tsx; prints `s3rver <json of the handle's endpoint, bucket, directory and keys>` once it listens,
 * stops when stdin closes. Bucket: S3RVER_BUCKET (default atelier-test).
 */
import { startS3rver } from "./s3rver";

async function main() {
  const s3 = await startS3rver(process.env.S3RVER_BUCKET ?? "atelier-test");
  const { endpoint, bucket, directory, accessKeyId, secretAccessKey } = s3;
  console.log(`s3rver ${JSON.stringify({ endpoint, bucket, directory, accessKeyId, secretAccessKey })}`);
  process.stdin.resume();
  process.stdin.on("end", () => void s3.close().then(() => process.exit(0)));
}

void main();

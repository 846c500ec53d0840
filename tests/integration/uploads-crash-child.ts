/**
 * Child process of uploads-atomic.test.ts: one upload of `UPLOAD_FILES` images to `PROJECT_ID` through the
 * route handler, on the data dir of STUDIO_DATA_DIR — the parent SIGKILLs it part-way. Run with tsx and
 * tsconfig.scripts.json. Prints `ready` once its images are made, `status <code>` if it gets to answer.
 */
import { POST as upload } from "@/app/api/projects/[projectId]/assets/route";
import { authedRequest, ctx } from "@/tests/helpers/http";
import { makeImage, multipart } from "@/tests/helpers/images";

async function main() {
  const projectId = process.env.PROJECT_ID!;
  const n = Number(process.env.UPLOAD_FILES ?? 50);
  const images = await Promise.all(Array.from({ length: n }, (_, i) => makeImage(360 + i, 360, "png")));
  const form = multipart(images.map((value, i) => ({ name: "file", value, filename: `${i}.png` })));
  process.stdout.write("ready\n");
  const req = authedRequest(`http://127.0.0.1/api/projects/${projectId}/assets`, { method: "POST", body: form });
  const res = await upload(req, ctx({ projectId }));
  process.stdout.write(`status ${res.status}\n`);
}

void main();

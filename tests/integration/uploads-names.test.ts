/**
 * Names are answered as they are stored. A lone UTF-16 surrogate (JSON can carry `\ud800`; UTF-8 and
 * SQLite cannot) in a project name is refused with 400 on `name`, on create and on rename, rather than
 * answered as sent and stored as U+FFFD. Paired surrogates (emoji) are ordinary characters. Upload file
 * names label errors as sent; what is kept of them (`originalName`) is tested in file-names.test.ts.
 */
import { describe, expect, it } from "vitest";
import { POST as upload } from "@/app/api/projects/[projectId]/assets/route";
import { GET as getProject, PATCH as patchProject } from "@/app/api/projects/[projectId]/route";
import { POST as postProject } from "@/app/api/projects/route";
import { withTempDataDir } from "@/tests/helpers/data-dir";
import { ctx, errorOf, jsonRequest, rawRequest, TEST_ADMIN_TOKEN } from "@/tests/helpers/http";

withTempDataDir();

const create = (name: string) => postProject(jsonRequest("POST", "/api/projects", { name }), undefined);

async function expectNameRefused(res: Response) {
  const err = await errorOf(res, 400, "invalid_request");
  expect((err.details.issues as { path: string }[]).map((i) => i.path)).toEqual(["name"]);
}

describe("names with lone surrogates", () => {
  it("refuses a project name with a lone surrogate on create (JSON escape or raw), stores nothing", async () => {
    for (const name of ["Spring \ud800 sale", "\udc00", "tail \ud83d"]) await expectNameRefused(await create(name));
    // The JSON text itself spelling the escape.
    await expectNameRefused(await postProject(rawRequest("POST", "/api/projects", '{"name":"a\\ud800b"}'), undefined));
  });

  it("refuses it on rename and keeps the old name", async () => {
    const res = await create("Autumn");
    const { id } = ((await res.json()) as { project: { id: string } }).project;
    await expectNameRefused(
      await patchProject(jsonRequest("PATCH", `/api/projects/${id}`, { name: "x\udfffy" }), ctx({ projectId: id })),
    );
    const got = await getProject(jsonRequest("GET", `/api/projects/${id}`), ctx({ projectId: id }));
    expect(((await got.json()) as { project: { name: string } }).project.name).toBe("Autumn");
  });

  it("takes paired surrogates and answers what it stored", async () => {
    const res = await create("  🛍️ 春季 sale 😀 ");
    expect(res.status).toBe(201);
    const { id, name } = ((await res.json()) as { project: { id: string; name: string } }).project;
    expect(name).toBe("🛍️ 春季 sale 😀");
    const got = await getProject(jsonRequest("GET", `/api/projects/${id}`), ctx({ projectId: id }));
    expect(((await got.json()) as { project: { name: string } }).project.name).toBe(name);
  });

  it("labels a refused upload with a well-formed file name, whatever bytes the name had", async () => {
    const res = await create("files");
    const { id } = ((await res.json()) as { project: { id: string } }).project;
    // Invalid UTF-8 in the part header's filename (an encoded lone surrogate): decoded with U+FFFD.
    const head = Buffer.from('--b\r\nContent-Disposition: form-data; name="file"; filename="x', "latin1");
    const raw = Buffer.concat([
      head,
      Buffer.from([0xed, 0xa0, 0x80]),
      Buffer.from('.gif"\r\nContent-Type: image/gif\r\n\r\nGIF89a\r\n--b--\r\n', "latin1"),
    ]);
    const req = new Request(`http://127.0.0.1/api/projects/${id}/assets`, {
      method: "POST",
      body: raw,
      headers: { "content-type": "multipart/form-data; boundary=b", authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    const err = await errorOf(await upload(req, ctx({ projectId: id })), 415, "unsupported_media_type");
    expect(String(err.details.file)).toMatch(/^x\ufffd+\.gif$/);
    expect(String(err.details.file).isWellFormed()).toBe(true);
  });
});

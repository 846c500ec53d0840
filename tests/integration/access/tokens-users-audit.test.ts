/**
 * API tokens, user administration, the audit log and the sign-in throttle: secrets shown once and never
 * again, disabled users stopped at once, the last admin kept, every change audited in its own transaction
 * (a refused change leaves no row), and no password or token secret in any answer.
 */
import crypto from "node:crypto";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { POST as bulkDelete } from "@/app/api/assets/bulk-delete/route";
import { GET as getAsset } from "@/app/api/assets/[assetId]/route";
import { GET as getAudit } from "@/app/api/audit/route";
import { GET as getMe } from "@/app/api/me/route";
import { POST as upload } from "@/app/api/projects/[projectId]/assets/route";
import { POST as postProject } from "@/app/api/projects/route";
import { DELETE as deleteToken } from "@/app/api/tokens/[tokenId]/route";
import { GET as listTokens, POST as postToken } from "@/app/api/tokens/route";
import { PATCH as patchUser } from "@/app/api/users/[userId]/route";
import { GET as listUsers, POST as postUser } from "@/app/api/users/route";
import type { ApiToken, AuditEvent, User } from "@/lib/contracts/access";
import { db } from "@/lib/db/client";
import type { Asset } from "@/lib/contracts/assets";
import { withTempDataDir } from "@/tests/helpers/data-dir";
import { ctx, errorOf, jsonRequest, TEST_ADMIN_TOKEN } from "@/tests/helpers/http";
import { makeImage, multipart } from "@/tests/helpers/images";
import { browser, makeUser, PASSWORD, postAuth, signIn, signInFrom, STUDIO, tokenFor } from "@/tests/helpers/access";

withTempDataDir();

/** Every password and token secret this file uses: none may ever appear in an answer or the audit log. */
const SECRETS = new Set<string>([PASSWORD]);
const sha256 = (s: string) => crypto.createHash("sha256").update(s).digest("hex");

/** A fresh client address per call: failed sign-ins count per address too, and the helpers' "unknown" must stay open. */
let addresses = 0;
const freshAddress = () => `10.1.${Math.floor(++addresses / 250)}.${(addresses % 250) + 1}`;

const me = (headers: Record<string, string>) => getMe(new Request(`${STUDIO}/api/me`, { headers }), undefined);
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function asCookie(cookie: string, method: string, path: string, body?: unknown): Request {
  const headers = browser(cookie, body === undefined ? {} : { "content-type": "application/json" });
  return new Request(STUDIO + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

const patch = (id: string, body: unknown, token?: string) =>
  patchUser(jsonRequest("PATCH", `/api/users/${id}`, body, token), ctx({ userId: id }));

async function audit(q: Record<string, string> = {}): Promise<{ events: AuditEvent[]; nextCursor: string | null }> {
  const res = await getAudit(
    jsonRequest("GET", `/api/audit?${new URLSearchParams({ limit: "500", ...q })}`),
    undefined,
  );
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as { events: AuditEvent[]; nextCursor: string | null };
}
const eventsOf = async (q: Record<string, string>) => (await audit(q)).events;

describe("users", () => {
  it("never lets the last active admin be demoted or disabled (409, no audit row)", async () => {
    expect(
      ((await (await listUsers(jsonRequest("GET", "/api/users"), undefined)).json()) as { users: User[] }).users,
    ).toEqual([]);
    const a1 = await makeUser("admin");
    await errorOf(await patch(a1.id, { role: "manager" }), 409, "conflict");
    await errorOf(await patch(a1.id, { disabled: true }), 409, "conflict");
    // Even by their own hand, through their session.
    const cookie = await signIn(a1.email);
    await errorOf(
      await patchUser(asCookie(cookie, "PATCH", `/api/users/${a1.id}`, { role: "viewer" }), ctx({ userId: a1.id })),
      409,
      "conflict",
    );
    expect(await eventsOf({ action: "user.update" })).toEqual([]);

    const a2 = await makeUser("admin");
    expect((await patch(a1.id, { role: "manager" })).status).toBe(200);
    await errorOf(await patch(a2.id, { disabled: true }), 409, "conflict");
    await errorOf(await patch(a2.id, { role: "creator" }), 409, "conflict");
    expect((await patch(a1.id, { role: "admin" })).status).toBe(200);
    expect((await patch(a2.id, { disabled: true })).status).toBe(200);
    // A disabled admin is no admin to fall back on.
    await errorOf(await patch(a1.id, { disabled: true }), 409, "conflict");
    // Renaming the last admin is fine.
    expect((await patch(a1.id, { name: "Still admin" })).status).toBe(200);
    // Nobody disables themselves, even with another admin to fall back on.
    expect((await patch(a2.id, { disabled: false })).status).toBe(200);
    const own = await errorOf(
      await patchUser(asCookie(cookie, "PATCH", `/api/users/${a1.id}`, { disabled: true }), ctx({ userId: a1.id })),
      409,
      "conflict",
    );
    expect(own.message).toMatch(/your own account/);

    const updates = await eventsOf({ action: "user.update" });
    expect(updates.map((e) => [e.targetIds, e.details.changes])).toEqual([
      [[a2.id], { disabled: { from: true, to: false } }],
      [[a1.id], { name: { from: a1.name, to: "Still admin" } }],
      [[a2.id], { disabled: { from: false, to: true } }],
      [[a1.id], { role: { from: "manager", to: "admin" } }],
      [[a1.id], { role: { from: "admin", to: "manager" } }],
    ]);
    expect(updates.every((e) => e.userId === null && e.details.via === "admin_token")).toBe(true);
  });

  it("refuses a duplicate email, whatever its case (409, no audit row)", async () => {
    const u = await makeUser("creator");
    const before = (await eventsOf({ action: "user.create" })).length;
    const body = { email: u.email.toUpperCase(), name: "Twin", role: "viewer", password: PASSWORD };
    const err = await errorOf(await postUser(jsonRequest("POST", "/api/users", body), undefined), 409, "conflict");
    expect(err.details).toMatchObject({ email: u.email });
    expect((await eventsOf({ action: "user.create" })).length).toBe(before);
    const created = (await eventsOf({ action: "user.create" })).find((e) => e.targetIds[0] === u.id);
    expect(created?.details).toMatchObject({ email: u.email, role: "creator" });
  });

  it("stops a disabled user's session and tokens at once, refuses their sign-in, and lets them back when enabled", async () => {
    const u = await makeUser("creator");
    const cookie = await signIn(u.email);
    const token = await tokenFor(u.id);
    SECRETS.add(token);
    expect((await me({ cookie })).status).toBe(200);
    expect((await me(bearer(token))).status).toBe(200);

    const res = await patch(u.id, { disabled: true });
    expect(((await res.json()) as { user: User }).user.disabled).toBe(true);
    await errorOf(await me({ cookie }), 401, "unauthenticated");
    const err = await errorOf(await me(bearer(token)), 401, "unauthenticated");
    expect(err.message).toMatch(/disabled/i);
    // The right password does not help, and the answer is the same as for a wrong one.
    const refused = await errorOf(await signInFrom(u.email, PASSWORD, freshAddress()), 401, "unauthenticated");
    const wrong = await errorOf(await signInFrom(u.email, "not the password", freshAddress()), 401, "unauthenticated");
    expect(refused.message).toBe(wrong.message);

    expect((await patch(u.id, { disabled: false })).status).toBe(200);
    const again = await signIn(u.email);
    expect((await me({ cookie: again })).status).toBe(200);
    // The sessions ended with the disabling stay ended; the token acts again (its user's state is read per request).
    await errorOf(await me({ cookie }), 401, "unauthenticated");
    expect((await me(bearer(token))).status).toBe(200);

    const changes = (await eventsOf({ action: "user.update" })).filter((e) => e.targetIds[0] === u.id);
    expect(changes.map((e) => e.details.changes)).toEqual([
      { disabled: { from: true, to: false } },
      { disabled: { from: false, to: true } },
    ]);
  });

  it("writes no audit row for a change that fails (unknown user 404, bad body 400)", async () => {
    const unknown = "usr_00000000000000000000";
    await errorOf(await patch(unknown, { name: "Ghost" }), 404, "not_found");
    const u = await makeUser("viewer");
    await errorOf(await patch(u.id, {}), 400, "invalid_request");
    await errorOf(await patch(u.id, { role: "owner" }), 400, "invalid_request");
    await errorOf(await patch(u.id, { email: "new@example.test" }), 400, "invalid_request");
    const targets = (await eventsOf({ action: "user.update" })).flatMap((e) => e.targetIds);
    expect(targets).not.toContain(unknown);
    expect(targets).not.toContain(u.id);
  });
});

describe("API tokens", () => {
  it("shows the secret once, lists tokens without it (or its hash), records use, and stops a revoked one", async () => {
    const u = await makeUser("creator");
    const cookie = await signIn(u.email);
    const res = await postToken(asCookie(cookie, "POST", "/api/tokens", { name: "ci" }), undefined);
    expect(res.status).toBe(201);
    const { token, secret } = (await res.json()) as { token: ApiToken; secret: string };
    SECRETS.add(secret);
    expect(secret).toMatch(/^atl_[A-Za-z0-9_-]{43}$/);
    expect(Object.keys(token).sort()).toEqual(["createdAt", "id", "lastUsedAt", "name", "prefix", "userId"]);
    expect(token).toMatchObject({ name: "ci", userId: u.id, prefix: secret.slice(0, 10), lastUsedAt: null });

    const listed = async (headers: Record<string, string> = { cookie }) => {
      const r = await listTokens(new Request(`${STUDIO}/api/tokens`, { headers }), undefined);
      expect(r.status).toBe(200);
      const text = await r.text();
      expect(text).not.toContain(secret);
      expect(text).not.toContain(secret.slice(10));
      expect(text).not.toContain(sha256(secret));
      return (JSON.parse(text) as { tokens: ApiToken[] }).tokens;
    };
    expect((await listed()).map((t) => t.id)).toEqual([token.id]);

    // Use.
    const used = (await (await me(bearer(secret))).json()) as { user: User; via: string };
    expect(used).toMatchObject({ user: { id: u.id }, via: "token" });
    const after = (await listed()).find((t) => t.id === token.id)!;
    expect(after.lastUsedAt).not.toBeNull();
    expect(Date.parse(after.lastUsedAt!)).toBeGreaterThanOrEqual(Date.parse(token.createdAt));
    // An admin sees everyone's, still without secrets.
    expect((await listed(bearer(TEST_ADMIN_TOKEN))).map((t) => t.id)).toContain(token.id);

    // Revoke: 204, then 401 and gone from the list.
    const del = await deleteToken(asCookie(cookie, "DELETE", `/api/tokens/${token.id}`), ctx({ tokenId: token.id }));
    expect(del.status).toBe(204);
    await errorOf(await me(bearer(secret)), 401, "unauthenticated");
    expect(await listed()).toEqual([]);

    const created = await eventsOf({ action: "token.create", userId: u.id });
    expect(created.map((e) => [e.targetIds, e.details])).toEqual([
      [[token.id], { via: "session", userId: u.id, name: "ci" }],
    ]);
    const deleted = await eventsOf({ action: "token.delete", userId: u.id });
    expect(deleted.map((e) => e.targetIds)).toEqual([[token.id]]);
  });

  it("keeps a non-admin to their own tokens: 403 to make one for someone else, 404 to delete someone else's", async () => {
    const u = await makeUser("manager");
    const v = await makeUser("creator");
    const uToken = await tokenFor(u.id);
    SECRETS.add(uToken);
    const vRes = await postToken(jsonRequest("POST", "/api/tokens", { name: "v's", userId: v.id }), undefined);
    const { token: vToken, secret: vSecret } = (await vRes.json()) as { token: ApiToken; secret: string };
    SECRETS.add(vSecret);

    const err = await errorOf(
      await postToken(jsonRequest("POST", "/api/tokens", { name: "theirs", userId: v.id }, uToken), undefined),
      403,
      "forbidden",
    );
    expect(err.details).toMatchObject({ role: "manager", needs: "administer" });
    await errorOf(
      await deleteToken(
        jsonRequest("DELETE", `/api/tokens/${vToken.id}`, undefined, uToken),
        ctx({ tokenId: vToken.id }),
      ),
      404,
      "not_found",
    );
    expect((await me(bearer(vSecret))).status).toBe(200);
    // Their own token list shows only theirs.
    const own = (await (await listTokens(jsonRequest("GET", "/api/tokens", undefined, uToken), undefined)).json()) as {
      tokens: ApiToken[];
    };
    expect(own.tokens.every((t) => t.userId === u.id)).toBe(true);
    // Nothing was written for the refusals.
    expect(await eventsOf({ action: "token.create", userId: u.id })).toEqual([]);
    expect(await eventsOf({ action: "token.delete", userId: u.id })).toEqual([]);

    // An admin may delete anyone's.
    expect(
      (await deleteToken(jsonRequest("DELETE", `/api/tokens/${vToken.id}`), ctx({ tokenId: vToken.id }))).status,
    ).toBe(204);
    await errorOf(await me(bearer(vSecret)), 401, "unauthenticated");
    // The admin token has no user of its own: it must name one, and an existing one.
    await errorOf(
      await postToken(jsonRequest("POST", "/api/tokens", { name: "mine" }), undefined),
      400,
      "invalid_request",
    );
    await errorOf(
      await postToken(jsonRequest("POST", "/api/tokens", { name: "x", userId: "usr_00000000000000000000" }), undefined),
      404,
      "not_found",
    );
  });
});

describe("assets: a refused bulk delete", () => {
  it("deletes nothing and writes no asset.delete row when one asset is someone else's", async () => {
    const c1 = await makeUser("creator");
    const c2 = await makeUser("creator");
    const [t1, t2] = [await tokenFor(c1.id), await tokenFor(c2.id)];
    SECRETS.add(t1).add(t2);
    const pRes = await postProject(jsonRequest("POST", "/api/projects", { name: "bulk" }, t1), undefined);
    const projectId = ((await pRes.json()) as { project: { id: string } }).project.id;
    const png = await makeImage(32, 32, "png");
    const up = async (token: string) => {
      const form = multipart([{ name: "file", value: png, filename: "a.png", type: "image/png" }]);
      const r = await upload(
        new Request(`${STUDIO}/api/projects/${projectId}/assets`, {
          method: "POST",
          headers: bearer(token),
          body: form,
        }),
        ctx({ projectId }),
      );
      expect(r.status).toBe(201);
      return ((await r.json()) as { assets: Asset[] }).assets[0];
    };
    const [mine, theirs] = [await up(t1), await up(t2)];
    const exists = async (id: string) =>
      (await getAsset(jsonRequest("GET", `/api/assets/${id}`), ctx({ assetId: id }))).status === 200;

    const bulk = (ids: string[]) =>
      bulkDelete(jsonRequest("POST", "/api/assets/bulk-delete", { assetIds: ids }, t1), undefined);
    await errorOf(await bulk([mine.id, theirs.id]), 403, "forbidden");
    expect(await exists(mine.id)).toBe(true);
    expect(await exists(theirs.id)).toBe(true);
    expect(await eventsOf({ action: "asset.delete" })).toEqual([]);

    const ok = await bulk([mine.id, "ast_00000000000000000000"]);
    expect(await ok.json()).toEqual({ deleted: [mine.id], notFound: ["ast_00000000000000000000"] });
    expect(await exists(mine.id)).toBe(false);
    const rows = await eventsOf({ action: "asset.delete" });
    expect(rows.map((e) => [e.userId, e.targetIds])).toEqual([[c1.id, [mine.id]]]);
    expect((await eventsOf({ action: "asset.upload", userId: c2.id })).map((e) => e.targetIds)).toEqual([[theirs.id]]);
  });
  // A bulk delete whose ids are all unknown changes nothing, so it records nothing.
  it("writes no asset.delete row for a bulk delete that deletes nothing", async () => {
    const before = (await eventsOf({ action: "asset.delete" })).length;
    const res = await bulkDelete(
      jsonRequest("POST", "/api/assets/bulk-delete", { assetIds: ["ast_00000000000000000000"] }),
      undefined,
    );
    expect(await res.json()).toEqual({ deleted: [], notFound: ["ast_00000000000000000000"] });
    expect((await eventsOf({ action: "asset.delete" })).length).toBe(before);
  });
});

describe("sessions through the auth routes", () => {
  it("audits sign-in, sign-out and a password change, and never the password", async () => {
    const u = await makeUser("viewer");
    const cookie = await signIn(u.email);
    const signIns = await eventsOf({ action: "sign_in", userId: u.id });
    expect(signIns.map((e) => e.targetIds)).toEqual([[u.id]]);

    // A wrong current password changes nothing and writes nothing.
    const NEW = "a brand new passphrase";
    SECRETS.add(NEW);
    const bad = await postAuth("change-password", browser(cookie), {
      currentPassword: "wrong wrong",
      newPassword: NEW,
    });
    await errorOf(bad, 400, "invalid_request");
    expect((await eventsOf({ action: "user.update", userId: u.id })).length).toBe(0);

    const other = await signIn(u.email);
    const ok = await postAuth("change-password", browser(cookie), { currentPassword: PASSWORD, newPassword: NEW });
    expect(ok.status, await ok.clone().text()).toBe(200);
    const changed = await eventsOf({ action: "user.update", userId: u.id });
    expect(changed.map((e) => [e.targetIds, e.details.password])).toEqual([[[u.id], "changed"]]);
    // Other sessions end by default; the old password is refused, the new one works.
    await errorOf(await me({ cookie: other }), 401, "unauthenticated");
    await errorOf(await signInFrom(u.email, PASSWORD, freshAddress()), 401, "unauthenticated");
    const fresh = await signIn(u.email, NEW);

    const out = await postAuth("sign-out", browser(fresh));
    expect(out.status).toBe(200);
    await errorOf(await me({ cookie: fresh }), 401, "unauthenticated");
    expect((await eventsOf({ action: "sign_out", userId: u.id })).map((e) => e.targetIds)).toEqual([[u.id]]);
  });
});

describe("the sign-in throttle", () => {
  it("locks an email after 10 failures: the 11th attempt is 429 even with the right password", async () => {
    const u = await makeUser("creator");
    const failedBefore = (await eventsOf({ action: "sign_in_failed" })).length;
    const used: string[] = [];
    for (let i = 0; i < 10; i++) {
      used.push(freshAddress());
      await errorOf(await signInFrom(u.email, `wrong password ${i}`, used[i]), 401, "unauthenticated");
    }
    const err = await errorOf(await signInFrom(u.email, PASSWORD, freshAddress()), 429, "rate_limited");
    expect(err.details.retryAfterS).toBeGreaterThan(0);
    expect(err.details.retryAfterS).toBeLessThanOrEqual(15 * 60);
    // Other emails from the same addresses are not affected.
    const v = await makeUser("creator");
    expect((await signInFrom(v.email, PASSWORD, used[9])).status).toBe(200);

    const failed = (await eventsOf({ action: "sign_in_failed" })).slice(0, 10);
    expect((await eventsOf({ action: "sign_in_failed" })).length).toBe(failedBefore + 10);
    expect(failed.every((e) => e.userId === null && e.details.email === u.email)).toBe(true);
    expect(JSON.stringify(failed)).not.toMatch(/wrong password/);
  }, 90_000);

  it("lets a success reset the email's count", async () => {
    const u = await makeUser("creator");
    const fail = async (n: number) => {
      for (let i = 0; i < n; i++)
        await errorOf(await signInFrom(u.email, "not it at all", freshAddress()), 401, "unauthenticated");
    };
    await fail(9);
    expect((await signInFrom(u.email, PASSWORD, freshAddress())).status).toBe(200);
    await fail(9);
    expect((await signInFrom(u.email, PASSWORD, freshAddress())).status).toBe(200);
    // Without the resets the tenth failure above would have locked the email; now ten in a row do.
    await fail(10);
    await errorOf(await signInFrom(u.email, PASSWORD, freshAddress()), 429, "rate_limited");
  }, 90_000);

  it("locks an address after 10 failures across emails, and only that address", async () => {
    const u = await makeUser("creator");
    const spray = freshAddress();
    for (let i = 0; i < 10; i++) {
      await errorOf(await signInFrom(`guess.${i}@example.test`, "password1234", spray), 401, "unauthenticated");
    }
    await errorOf(await signInFrom(u.email, PASSWORD, spray), 429, "rate_limited");
    expect((await signInFrom(u.email, PASSWORD, freshAddress())).status).toBe(200);
  }, 90_000);
});

describe("the audit log", () => {
  it("filters by action and user, and pages newest first with a keyset cursor", async () => {
    const u = await makeUser("creator");
    const token = await tokenFor(u.id);
    SECRETS.add(token);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const r = await postProject(jsonRequest("POST", "/api/projects", { name: `audited ${i}` }, token), undefined);
      ids.push(((await r.json()) as { project: { id: string } }).project.id);
    }
    const all = await eventsOf({ action: "project.create", userId: u.id });
    expect(all.map((e) => e.targetIds[0])).toEqual([...ids].reverse());
    expect(all.every((e) => e.action === "project.create" && e.userId === u.id && e.targetType === "project")).toBe(
      true,
    );

    const paged: AuditEvent[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { events: AuditEvent[]; nextCursor: string | null } = await audit({
        action: "project.create",
        userId: u.id,
        limit: "3",
        ...(cursor ? { cursor } : {}),
      });
      expect(page.events.length).toBeLessThanOrEqual(3);
      paged.push(...page.events);
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(paged.map((e) => e.id)).toEqual(all.map((e) => e.id));

    // Unfiltered pages cover the whole log exactly once.
    const everything = await eventsOf({});
    const seen: string[] = [];
    for (let c: string | null = null, first = true; first || c; first = false) {
      const page: { events: AuditEvent[]; nextCursor: string | null } = await audit({
        limit: "7",
        ...(c ? { cursor: c } : {}),
      });
      seen.push(...page.events.map((e) => e.id));
      c = page.nextCursor;
    }
    expect(seen).toEqual(everything.map((e) => e.id));

    // Time range and bad input.
    expect(await eventsOf({ to: "2000-01-01T00:00:00Z" })).toEqual([]);
    expect((await eventsOf({ from: all[0].at, action: "project.create", userId: u.id })).map((e) => e.id)).toContain(
      all[0].id,
    );
    for (const q of ["cursor=not-a-cursor", "action=nope", "limit=0", "format=xml", "extra=1"]) {
      await errorOf(await getAudit(jsonRequest("GET", `/api/audit?${q}`), undefined), 400, "invalid_request");
    }
  });

  it("exports CSV with a header row and RFC 4180 quoting, the same rows as the JSON", async () => {
    const u = await makeUser("viewer");
    const tricky = 'Ada "the Countess", Lovelace';
    expect((await patch(u.id, { name: tricky })).status).toBe(200);
    const res = await getAudit(jsonRequest("GET", "/api/audit?format=csv"), undefined);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="atelier-audit-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    // Read as bytes: Response.text() drops a leading BOM.
    const text = Buffer.from(await res.arrayBuffer()).toString("utf8");
    expect(text.startsWith("\uFEFF")).toBe(true);
    const lines = text.slice(1).split("\r\n");
    expect(lines[0]).toBe("id,at,userId,action,targetType,targetIds,details");
    expect(text.endsWith("\r\n")).toBe(true);
    // The name's quotes are doubled inside a quoted field.
    expect(text).toContain('""to"":""Ada \\""the Countess\\"", Lovelace""');

    const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const json = await eventsOf({});
    expect(parsed.data.length).toBe(json.length);
    const row = parsed.data.find((r) => r.action === "user.update" && r.targetIds === u.id)!;
    expect(JSON.parse(row.details)).toEqual({ via: "admin_token", changes: { name: { from: u.name, to: tricky } } });
    expect(parsed.data.map((r) => r.id)).toEqual(json.map((e) => e.id));
    expect(parsed.data[0]).toEqual({
      id: json[0].id,
      at: json[0].at,
      userId: json[0].userId ?? "",
      action: json[0].action,
      targetType: json[0].targetType,
      targetIds: json[0].targetIds.join(" "),
      details: JSON.stringify(json[0].details),
    });
    // Filters apply to the CSV too.
    const filtered = await (
      await getAudit(jsonRequest("GET", `/api/audit?format=csv&action=user.update&userId=nobody`), undefined)
    ).text();
    expect(filtered).toBe("id,at,userId,action,targetType,targetIds,details\r\n");
  });
});

describe("the audit log, long", () => {
  it("pages a CSV of more than one internal page with one header and every row once", async () => {
    const u = await makeUser("creator");
    const token = await tokenFor(u.id);
    SECRETS.add(token);
    for (let i = 0; i < 520; i++) {
      const r = await postProject(jsonRequest("POST", "/api/projects", { name: `bulk ${i}` }, token), undefined);
      expect(r.status).toBe(201);
    }
    const res = await getAudit(jsonRequest("GET", `/api/audit?format=csv&userId=${u.id}`), undefined);
    const text = Buffer.from(await res.arrayBuffer()).toString("utf8");
    expect(
      text
        .slice(1)
        .split("\r\n")
        .filter((l) => l.startsWith("id,at,")).length,
    ).toBe(1);
    const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const ids = parsed.data.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    // 520 projects, the token.create for the token (by the admin token, so not this user's), nothing else.
    expect(parsed.data.length).toBe(520);
    expect(parsed.data.every((r) => r.action === "project.create")).toBe(true);
    expect(parsed.data.every((r) => r.userId === u.id)).toBe(true);
    // JSON pages are capped at 500.
    await errorOf(await getAudit(jsonRequest("GET", "/api/audit?limit=501"), undefined), 400, "invalid_request");
    expect((await audit({ userId: u.id })).events.length).toBe(500);
  }, 90_000);
});

describe("secrets", () => {
  it("never appear in the audit log (JSON or CSV), the users list or the tokens list", async () => {
    const bodies: string[] = [];
    for (let c: string | null = null, first = true; first || c; first = false) {
      const page: { events: AuditEvent[]; nextCursor: string | null } = await audit(c ? { cursor: c } : {});
      bodies.push(JSON.stringify(page));
      c = page.nextCursor;
    }
    expect(bodies.join("").length).toBeGreaterThan(1000);
    bodies.push(await (await getAudit(jsonRequest("GET", "/api/audit?format=csv"), undefined)).text());
    bodies.push(await (await listUsers(jsonRequest("GET", "/api/users"), undefined)).text());
    bodies.push(await (await listTokens(jsonRequest("GET", "/api/tokens"), undefined)).text());
    // The answers that carry a user: creating one, signing in, /api/me.
    const email = `secretive.${Date.now()}@example.test`;
    const made = await postUser(
      jsonRequest("POST", "/api/users", { email, name: "S", role: "viewer", password: PASSWORD }),
      undefined,
    );
    bodies.push(await made.text());
    const signed = await signInFrom(email, PASSWORD, freshAddress());
    bodies.push(await signed.text());
    const cookie = signed.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    bodies.push(await (await me({ cookie })).text());
    // What is stored in their place: password hashes and token hashes.
    const stored = [
      ...(await db().selectFrom("accounts").select("password as v").execute()).map((r) => r.v),
      ...(await db().selectFrom("apiTokens").select("hash as v").execute()).map((r) => r.v),
    ].filter((v): v is string => !!v);
    expect(stored.length).toBeGreaterThan(10);
    expect(SECRETS.size).toBeGreaterThan(5);
    const all = bodies.join("\n");
    for (const secret of SECRETS) {
      expect(all).not.toContain(secret);
      if (secret.startsWith("atl_")) {
        expect(all).not.toContain(secret.slice(10));
        expect(all).not.toContain(sha256(secret));
      }
    }
    for (const hash of stored) {
      expect(all).not.toContain(hash);
      // Salt and key of a scrypt hash (salt:key) separately too.
      for (const part of hash.split(":")) expect(all).not.toContain(part);
    }
    expect(all).not.toMatch(/"(password|hash|secret)"\s*:\s*"(?!changed")/i);
  });
});

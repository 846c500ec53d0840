import { describe, expect, it } from "vitest";
import { GET as getMe } from "@/app/api/me/route";
import { GET as getSetup, POST as postSetup } from "@/app/api/setup/route";
import { POST as postProject, GET as getProjects } from "@/app/api/projects/route";
import { withTempDataDir } from "@/tests/helpers/data-dir";
import { errorOf, jsonRequest } from "@/tests/helpers/http";
import { browser, PASSWORD, signIn, signInRequest, STUDIO } from "@/tests/helpers/access";

withTempDataDir();

describe("first run, sign-in and the session cookie", () => {
  it("creates the first admin once, signs in with an HttpOnly SameSite=Lax cookie, and answers /api/me", async () => {
    expect(await (await getSetup(new Request(`${STUDIO}/api/setup`), undefined)).json()).toEqual({ needed: true });
    // Without credentials every studio route is 401 while setup is open.
    await errorOf(await getProjects(new Request(`${STUDIO}/api/projects`), undefined), 401, "unauthenticated");

    const body = { email: "Ada@Example.test", name: "Ada", password: PASSWORD };
    const res = await postSetup(jsonRequest("POST", "/api/setup", body, null), undefined);
    expect(res.status).toBe(201);
    const { user } = (await res.json()) as { user: { id: string; email: string; role: string } };
    expect(user).toMatchObject({ email: "ada@example.test", role: "admin" });
    expect(JSON.stringify(user)).not.toContain(PASSWORD);
    await errorOf(await postSetup(jsonRequest("POST", "/api/setup", body, null), undefined), 409, "conflict");
    expect(await (await getSetup(new Request(`${STUDIO}/api/setup`), undefined)).json()).toEqual({ needed: false });

    const signed = await signInRequest("ada@example.test", PASSWORD);
    expect(signed.status).toBe(200);
    const setCookie = signed.headers.getSetCookie().join("\n");
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const signedBody = await signed.text();
    expect(signedBody).not.toMatch(/token/i);

    const cookie = await signIn("ada@example.test");
    const me = await getMe(new Request(`${STUDIO}/api/me`, { headers: { cookie } }), undefined);
    expect(((await me.json()) as { user: { id: string } }).user.id).toBe(user.id);

    // Same-origin change works; the project records its creator.
    const created = await postProject(
      new Request(`${STUDIO}/api/projects`, {
        method: "POST",
        headers: browser(cookie, { "content-type": "application/json" }),
        body: JSON.stringify({ name: "Spring" }),
      }),
      undefined,
    );
    expect(created.status).toBe(201);
    expect(((await created.json()) as { project: { createdBy: string } }).project.createdBy).toBe(user.id);
  });

  it("refuses a wrong password with one message and never says which part was wrong", async () => {
    const wrong = await errorOf(await signInRequest("ada@example.test", "not the password"), 401, "unauthenticated");
    const unknown = await errorOf(
      await signInRequest("nobody@example.test", "not the password"),
      401,
      "unauthenticated",
    );
    expect(wrong.message).toBe(unknown.message);
  });
});

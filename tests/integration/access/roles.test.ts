/**
 * The contract's roles table, row by row: each role (real users, through API tokens and for some rows
 * through session cookies) and the built-in admin token try each kind of action; the allowed ones succeed
 * (2xx), the others are 403 `forbidden`. What they create records who created it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getAudit } from "@/app/api/audit/route";
import { POST as cutout } from "@/app/api/assets/[assetId]/cutout/route";
import { GET as getFile } from "@/app/api/assets/[assetId]/file/route";
import { DELETE as deleteAsset, GET as getAsset } from "@/app/api/assets/[assetId]/route";
import { POST as postExport } from "@/app/api/exports/route";
import { POST as cancel } from "@/app/api/projects/[projectId]/generations/[generationId]/cancel/route";
import { POST as retry } from "@/app/api/projects/[projectId]/generations/[generationId]/retry/route";
import { POST as postGeneration } from "@/app/api/projects/[projectId]/generations/route";
import { GET as listAssets, POST as upload } from "@/app/api/projects/[projectId]/assets/route";
import { DELETE as deleteProject, PATCH as patchProject } from "@/app/api/projects/[projectId]/route";
import { GET as listProjects, POST as postProject } from "@/app/api/projects/route";
import { PUT as putModelSettings } from "@/app/api/settings/models/route";
import { POST as postToken } from "@/app/api/tokens/route";
import { PATCH as patchUser } from "@/app/api/users/[userId]/route";
import { GET as listUsers, POST as postUser } from "@/app/api/users/route";
import { POST as simPost } from "@/app/sim/[...path]/route";
import type { Asset } from "@/lib/contracts/assets";
import { PERMISSIONS, ROLES, type Permission, type Role, type User } from "@/lib/contracts/access";
import type { Generation } from "@/lib/contracts/generations";
import type { Project } from "@/lib/contracts/projects";
import { withTempDataDir } from "@/tests/helpers/data-dir";
import { waitFor } from "@/tests/helpers/generations";
import { ctx, errorOf, TEST_ADMIN_TOKEN } from "@/tests/helpers/http";
import { makeImage, multipart } from "@/tests/helpers/images";
import { browser, makeUser, PASSWORD, signIn, STUDIO, tokenFor } from "@/tests/helpers/access";
import { withSimulator } from "@/tests/helpers/simulator";

const sim = withSimulator();
withTempDataDir(() => ({ SIMULATOR_ORIGIN: sim.origin, UPSTREAM_TIMEOUT_MS: "15000", JOB_CONCURRENCY: "4" }));

/** Someone acting: a real user of a role, or the built-in admin token (no user). */
interface Who {
  label: string;
  role: Role;
  user: User | null;
  token: string;
  cookie: string;
}
type Via = "token" | "cookie";

const who = {} as Record<Role | "adminToken" | "other", Who>;
const fx = { projectId: "", asset: undefined as unknown as Asset };
let png: Buffer;

beforeAll(async () => {
  png = await makeImage(64, 48, "png");
  for (const role of ROLES) {
    const user = await makeUser(role);
    who[role] = { label: role, role, user, token: await tokenFor(user.id), cookie: await signIn(user.email) };
  }
  const other = await makeUser("creator", "another creator");
  who.other = { label: "another creator", role: "creator", user: other, token: await tokenFor(other.id), cookie: "" };
  who.adminToken = { label: "the admin token", role: "admin", user: null, token: TEST_ADMIN_TOKEN, cookie: "" };
  fx.projectId = (
    await created<{ project: Project }>(
      postProject(req(who.adminToken, "POST", "/api/projects", { name: "shared" }), undefined),
    )
  ).project.id;
  fx.asset = await uploadAs(who.adminToken, fx.projectId);
});

// --- requests --------------------------------------------------------------------------------------------

function req(w: Who, method: string, path: string, body?: unknown, via: Via = "token"): Request {
  const headers: Record<string, string> = via === "cookie" ? browser(w.cookie) : { authorization: `Bearer ${w.token}` };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(body);
  }
  return new Request(STUDIO + path, { method, headers, body: payload });
}

async function created<T>(res: Response | Promise<Response>): Promise<T> {
  const r = await res;
  expect(r.status, await r.clone().text()).toBeGreaterThanOrEqual(200);
  expect(r.status).toBeLessThan(300);
  return (await r.json()) as T;
}

const uploadForm = () => multipart([{ name: "file", value: png, filename: "p.png", type: "image/png" }]);

const uploadReq = (w: Who, projectId: string, via: Via = "token") =>
  upload(req(w, "POST", `/api/projects/${projectId}/assets`, uploadForm(), via), ctx({ projectId }));

async function uploadAs(w: Who, projectId = fx.projectId): Promise<Asset> {
  return (await created<{ assets: Asset[] }>(uploadReq(w, projectId))).assets[0];
}

const GEN = { model: "gpt-image-2", operation: "generate", prompt: "a mug", params: {} };

const generateReq = (w: Who, via: Via = "token", projectId = fx.projectId) =>
  postGeneration(req(w, "POST", `/api/projects/${projectId}/generations`, GEN, via), ctx({ projectId }));

/** Act as `w` even when its role may not create: a viewer is made a creator for the moment, then a viewer again. */
async function asMaker<T>(w: Who, make: () => Promise<T>): Promise<T> {
  const demoted = w.user && !PERMISSIONS.create.includes(w.role as never);
  const setRole = (role: Role) =>
    created(patchUser(req(who.adminToken, "PATCH", `/api/users/${w.user!.id}`, { role }), ctx({ userId: w.user!.id })));
  if (demoted) await setRole("creator");
  try {
    return await make();
  } finally {
    if (demoted) await setRole(w.role);
  }
}

const ownAsset = (w: Who) => asMaker(w, () => uploadAs(w));

/** Faults not yet taken by a request (the simulator object has its store; the interface does not show it). */
const pendingFaults = () => (sim.simulator as unknown as { faults: { list(): unknown[] } }).faults.list().length;

/** A generation of `w` that hangs upstream until cancelled (queued or running: cancellable). */
const hangingGeneration = (w: Who) =>
  asMaker(w, async () => {
    sim.simulator.addFault({ kind: "hang", times: 1 });
    const { generation } = await created<{ generation: Generation }>(generateReq(w));
    // Hanging for real: its upstream request arrived (a fault left unconsumed would stall the next row's job).
    for (const t0 = Date.now(); pendingFaults() > 0;) {
      if (Date.now() - t0 > 10_000) throw new Error("the hanging generation never reached the simulator");
      await new Promise((r) => setTimeout(r, 10));
    }
    return generation;
  });

const cancelReq = (w: Who, g: Generation, via: Via = "token") =>
  cancel(
    req(w, "POST", `/api/projects/${g.projectId}/generations/${g.id}/cancel`, undefined, via),
    ctx({ projectId: g.projectId, generationId: g.id }),
  );

/** Whatever the row did, leave no job hanging. */
async function settle(g: Generation) {
  await cancelReq(who.adminToken, g);
  await waitFor(g.projectId, g.id);
}

async function cancelledGeneration(w: Who): Promise<Generation> {
  const g = await hangingGeneration(w);
  await settle(g);
  return g;
}

const retryReq = (w: Who, g: Generation, via: Via = "token") =>
  retry(
    req(w, "POST", `/api/projects/${g.projectId}/generations/${g.id}/retry`, undefined, via),
    ctx({ projectId: g.projectId, generationId: g.id }),
  );

const assetExists = async (id: string) =>
  (await getAsset(req(who.adminToken, "GET", `/api/assets/${id}`), ctx({ assetId: id }))).status === 200;

let seq = 0;

// --- the table ---------------------------------------------------------------------------------------------

interface Action {
  /** What is tried, with `w` acting through `via`; answers the response and, optionally, a check of what it made. */
  run(
    w: Who,
    via: Via,
  ): Promise<{ res: Response; check?: (res: Response) => Promise<void>; cleanup?: () => Promise<void> }>;
  /** Also tried through each role's session cookie, not only its token. */
  cookie?: boolean;
}

const createdByIs = (w: Who, x: { createdBy: string | null }) => expect(x.createdBy).toBe(w.user?.id ?? null);

const ACTIONS = {
  "list projects": {
    cookie: true,
    run: async (w, via) => ({ res: await listProjects(req(w, "GET", "/api/projects", undefined, via), undefined) }),
  },
  "read an asset file": {
    run: async (w, via) => ({
      res: await getFile(
        req(w, "GET", `/api/assets/${fx.asset.id}/file`, undefined, via),
        ctx({ assetId: fx.asset.id }),
      ),
      check: async (res) => expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true),
    }),
  },
  "create project": {
    cookie: true,
    run: async (w, via) => ({
      res: await postProject(req(w, "POST", "/api/projects", { name: `p${++seq}` }, via), undefined),
      check: async (res) => createdByIs(w, ((await res.json()) as { project: Project }).project),
    }),
  },
  upload: {
    cookie: true,
    run: async (w, via) => ({
      res: await uploadReq(w, fx.projectId, via),
      check: async (res) => createdByIs(w, ((await res.json()) as { assets: Asset[] }).assets[0]),
    }),
  },
  generate: {
    run: async (w, via) => ({
      res: await generateReq(w, via),
      check: async (res) => {
        const { generation } = (await res.json()) as { generation: Generation };
        createdByIs(w, generation);
        const done = await waitFor(generation.projectId, generation.id);
        expect(done.status).toBe("succeeded");
        expect(done.assetIds.length).toBeGreaterThan(0);
        for (const id of done.assetIds) {
          const a = (
            await created<{ asset: Asset }>(
              getAsset(req(who.adminToken, "GET", `/api/assets/${id}`), ctx({ assetId: id })),
            )
          ).asset;
          createdByIs(w, a);
        }
      },
    }),
  },
  "cutout (local)": {
    run: async (w, via) => ({
      res: await cutout(
        req(w, "POST", `/api/assets/${fx.asset.id}/cutout`, { mode: "local" }, via),
        ctx({ assetId: fx.asset.id }),
      ),
      check: async (res) => {
        const { asset } = (await res.json()) as { asset: Asset };
        expect(asset.parentAssetIds).toEqual([fx.asset.id]);
        createdByIs(w, asset);
      },
    }),
  },
  export: {
    run: async (w, via) => ({
      res: await postExport(
        req(w, "POST", "/api/exports", { format: "json", assetIds: [fx.asset.id] }, via),
        undefined,
      ),
    }),
  },
  "delete their own asset": {
    cookie: true,
    run: async (w, via) => {
      const a = await ownAsset(w);
      createdByIs(w, a);
      return {
        res: await deleteAsset(req(w, "DELETE", `/api/assets/${a.id}`, undefined, via), ctx({ assetId: a.id })),
        check: async () => expect(await assetExists(a.id)).toBe(false),
      };
    },
  },
  "cancel their own generation": {
    run: async (w, via) => {
      const g = await hangingGeneration(w);
      createdByIs(w, g);
      return {
        res: await cancelReq(w, g, via),
        check: async (res) =>
          expect(((await res.json()) as { generation: Generation }).generation.status).toBe("cancelled"),
        cleanup: () => settle(g),
      };
    },
  },
  "retry their own generation": {
    run: async (w, via) => {
      const g = await cancelledGeneration(w);
      return {
        res: await retryReq(w, g, via),
        check: async (res) => {
          const { generation } = (await res.json()) as { generation: Generation };
          expect(generation.retryOf).toBe(g.id);
          createdByIs(w, generation);
          expect((await waitFor(generation.projectId, generation.id)).status).toBe("succeeded");
        },
      };
    },
  },
  "delete someone else's asset": {
    cookie: true,
    run: async (w, via) => {
      const a = await uploadAs(who.other);
      const res = await deleteAsset(req(w, "DELETE", `/api/assets/${a.id}`, undefined, via), ctx({ assetId: a.id }));
      // Refused, the asset is untouched; allowed, it is gone.
      if (res.status === 403) expect(await assetExists(a.id)).toBe(true);
      return { res, check: async () => expect(await assetExists(a.id)).toBe(false) };
    },
  },
  "cancel someone else's generation": {
    run: async (w, via) => {
      const g = await hangingGeneration(who.other);
      return { res: await cancelReq(w, g, via), cleanup: () => settle(g) };
    },
  },
  "retry someone else's generation": {
    run: async (w, via) => {
      const g = await cancelledGeneration(who.other);
      return {
        res: await retryReq(w, g, via),
        check: async (res) => {
          const { generation } = (await res.json()) as { generation: Generation };
          await waitFor(generation.projectId, generation.id);
        },
      };
    },
  },
  "rename a project": {
    cookie: true,
    run: async (w, via) => {
      const p = (
        await created<{ project: Project }>(
          postProject(req(who.other, "POST", "/api/projects", { name: "theirs" }), undefined),
        )
      ).project;
      return {
        res: await patchProject(
          req(w, "PATCH", `/api/projects/${p.id}`, { name: "renamed" }, via),
          ctx({ projectId: p.id }),
        ),
      };
    },
  },
  "delete a project": {
    run: async (w, via) => {
      const p = (
        await created<{ project: Project }>(
          postProject(req(who.other, "POST", "/api/projects", { name: "theirs" }), undefined),
        )
      ).project;
      return {
        res: await deleteProject(req(w, "DELETE", `/api/projects/${p.id}`, undefined, via), ctx({ projectId: p.id })),
      };
    },
  },
  "read the audit log": {
    cookie: true,
    run: async (w, via) => ({ res: await getAudit(req(w, "GET", "/api/audit", undefined, via), undefined) }),
  },
  "list users": {
    run: async (w, via) => ({ res: await listUsers(req(w, "GET", "/api/users", undefined, via), undefined) }),
  },
  "create a user": {
    cookie: true,
    run: async (w, via) => {
      const body = { email: `made.${++seq}@example.test`, name: "Made", role: "viewer", password: PASSWORD };
      return { res: await postUser(req(w, "POST", "/api/users", body, via), undefined) };
    },
  },
  "change a user": {
    run: async (w, via) => {
      const id = who.other.user!.id;
      return {
        res: await patchUser(
          req(w, "PATCH", `/api/users/${id}`, { name: `renamed ${++seq}` }, via),
          ctx({ userId: id }),
        ),
      };
    },
  },
  "create a token for someone else": {
    run: async (w, via) => ({
      res: await postToken(
        req(w, "POST", "/api/tokens", { name: "theirs", userId: who.other.user!.id }, via),
        undefined,
      ),
    }),
  },
  "change model settings": {
    cookie: true,
    run: async (w, via) => ({ res: await putModelSettings(req(w, "PUT", "/api/settings/models", {}, via), undefined) }),
  },
  "steer the simulator": {
    cookie: true,
    run: async (w, via) => ({ res: await simPost(req(w, "POST", "/sim/_control/latency", { ms: 0 }, via)) }),
  },
} satisfies Record<string, Action>;
type ActionName = keyof typeof ACTIONS;

const Y = true;
const N = false;

/**
 * docs/api.md's roles table, one block per row of it. Columns: admin, manager, creator, viewer.
 * `success`: the status an allowed action answers.
 */
const TABLE: { row: Permission; cols: [boolean, boolean, boolean, boolean]; actions: [ActionName, number][] }[] = [
  {
    row: "read", // see projects, jobs, assets; download single files
    cols: [Y, Y, Y, Y],
    actions: [
      ["list projects", 200],
      ["read an asset file", 200],
    ],
  },
  {
    row: "create", // create projects; generate, edit, cutout, upload; export
    cols: [Y, Y, Y, N],
    actions: [
      ["create project", 201],
      ["upload", 201],
      ["generate", 202],
      ["cutout (local)", 201],
      ["export", 201],
    ],
  },
  {
    row: "modifyOwn", // delete assets they created; cancel and retry their generations
    cols: [Y, Y, Y, N],
    actions: [
      ["delete their own asset", 204],
      ["cancel their own generation", 200],
      ["retry their own generation", 202],
    ],
  },
  {
    row: "manage", // the same for anyone's; rename/delete projects; read the audit log
    cols: [Y, Y, N, N],
    actions: [
      ["delete someone else's asset", 204],
      ["cancel someone else's generation", 200],
      ["retry someone else's generation", 202],
      ["rename a project", 200],
      ["delete a project", 204],
      ["read the audit log", 200],
    ],
  },
  {
    row: "administer", // users, tokens of others, model and gateway settings, simulator controls
    cols: [Y, N, N, N],
    actions: [
      ["list users", 200],
      ["create a user", 201],
      ["change a user", 200],
      ["create a token for someone else", 201],
      ["change model settings", 200],
      ["steer the simulator", 204],
    ],
  },
];

describe("the roles table", () => {
  it("is the contract's (lib/contracts/access.ts PERMISSIONS), and every action is in it once", () => {
    for (const { row, cols } of TABLE)
      expect(
        ROLES.filter((_, i) => cols[i]),
        row,
      ).toEqual([...PERMISSIONS[row]]);
    const listed = TABLE.flatMap((t) => t.actions.map(([a]) => a));
    expect([...listed].sort()).toEqual(Object.keys(ACTIONS).sort());
  });

  for (const { row, cols, actions } of TABLE) {
    describe(`${row}: ${ROLES.map((r, i) => `${r} ${cols[i] ? "✓" : "✗"}`).join(", ")}`, () => {
      for (const [action, success] of actions) {
        const def: Action = ACTIONS[action];
        const cases: { key: Role | "adminToken"; via: Via; allowed: boolean }[] = [
          ...ROLES.map((role, i) => ({ key: role, via: "token" as Via, allowed: cols[i] })),
          { key: "adminToken", via: "token", allowed: true },
          ...(def.cookie ? ROLES.map((role, i) => ({ key: role, via: "cookie" as Via, allowed: cols[i] })) : []),
        ];
        for (const c of cases) {
          it(`${action}: ${c.key === "adminToken" ? "the admin token" : `${c.key} (${c.via})`} → ${c.allowed ? success : "403"}`, async () => {
            const w = who[c.key];
            const { res, check, cleanup } = await def.run(w, c.via);
            try {
              if (c.allowed) {
                expect(res.status, await res.clone().text()).toBe(success);
                await check?.(res);
              } else {
                const err = await errorOf(res, 403, "forbidden");
                expect(err.details).toMatchObject({ role: w.role });
              }
            } finally {
              await cleanup?.();
            }
          });
        }
      }
    });
  }
});

describe("own and someone else's", () => {
  it("a creator sees every asset of a project, deletes their own, and gets 403 on another creator's", async () => {
    const project = (
      await created<{ project: Project }>(
        postProject(req(who.creator, "POST", "/api/projects", { name: "mine" }), undefined),
      )
    ).project;
    createdByIs(who.creator, project);
    const mine = await uploadAs(who.creator, project.id);
    const theirs = await uploadAs(who.other, project.id);
    const listed = await created<{ assets: Asset[] }>(
      listAssets(req(who.creator, "GET", `/api/projects/${project.id}/assets`), ctx({ projectId: project.id })),
    );
    expect(listed.assets.map((a) => a.id).sort()).toEqual([mine.id, theirs.id].sort());
    expect(Object.fromEntries(listed.assets.map((a) => [a.id, a.createdBy]))).toEqual({
      [mine.id]: who.creator.user!.id,
      [theirs.id]: who.other.user!.id,
    });

    const refused = await errorOf(
      await deleteAsset(req(who.creator, "DELETE", `/api/assets/${theirs.id}`), ctx({ assetId: theirs.id })),
      403,
      "forbidden",
    );
    expect(refused.details).toMatchObject({ role: "creator", needs: "manage" });
    expect(await assetExists(theirs.id)).toBe(true);
    expect(
      (await deleteAsset(req(who.creator, "DELETE", `/api/assets/${mine.id}`), ctx({ assetId: mine.id }))).status,
    ).toBe(204);
    expect(await assetExists(mine.id)).toBe(false);

    // Creating a project does not make it theirs to rename: that is a manager's.
    await errorOf(
      await patchProject(
        req(who.creator, "PATCH", `/api/projects/${project.id}`, { name: "x" }),
        ctx({ projectId: project.id }),
      ),
      403,
      "forbidden",
    );
  });

  it("a role change applies to the user's existing token and session at once", async () => {
    const u = await makeUser("creator");
    const w: Who = {
      label: "changing",
      role: "creator",
      user: u,
      token: await tokenFor(u.id),
      cookie: await signIn(u.email),
    };
    expect((await postProject(req(w, "POST", "/api/projects", { name: "before" }), undefined)).status).toBe(201);
    await created(
      patchUser(req(who.adminToken, "PATCH", `/api/users/${u.id}`, { role: "viewer" }), ctx({ userId: u.id })),
    );
    await errorOf(await postProject(req(w, "POST", "/api/projects", { name: "after" }), undefined), 403, "forbidden");
    await errorOf(
      await postProject(req(w, "POST", "/api/projects", { name: "after" }, "cookie"), undefined),
      403,
      "forbidden",
    );
    expect((await listProjects(req(w, "GET", "/api/projects", undefined, "cookie"), undefined)).status).toBe(200);
  });
});

import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { roleCan, type Permission } from "@/lib/contracts/access";
import { PATH_HEADER } from "./path-header";
import { sessionActor, type Actor } from "./principal";
import { userCount } from "./users";

/** The signed-in actor of this page request, read once per render. */
export const pageActor = cache(async (): Promise<Actor | null> => sessionActor(await headers()));

/** A studio page: the actor, or a redirect to the setup form (no user yet) or to sign-in. */
export async function requirePageActor(): Promise<Actor> {
  const actor = await pageActor();
  if (actor) return actor;
  if ((await userCount()) === 0) redirect("/setup");
  const path = (await headers()).get(PATH_HEADER) ?? "/";
  redirect(path === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(path)}`);
}

/** For a page's role check: true when the actor may, so the page renders its Forbidden notice otherwise. */
export const pageAllows = (actor: Actor, permission: Permission) => roleCan(actor.role, permission);

/** A `next` target that stays on this studio (no `//evil`, no scheme). */
export function safeNext(next: string | string[] | undefined): string {
  const v = Array.isArray(next) ? next[0] : next;
  return v && v.startsWith("/") && !v.startsWith("//") && !v.startsWith("/\\") ? v : "/";
}

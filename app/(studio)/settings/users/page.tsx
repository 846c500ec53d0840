// /settings/users – the team's accounts, roles and API tokens (admins only)
import type { Metadata } from "next";
import { Forbidden } from "@/components/auth/forbidden";
import { TeamView } from "@/components/team/team-view";
import { pageAllows, requirePageActor } from "@/lib/auth/page";
import { listTokens } from "@/lib/auth/tokens";
import { listUsers } from "@/lib/auth/users";
import { requestLocale } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await requestLocale();
  return { title: t("team.metaTitle") };
}

export default async function UsersPage() {
  const actor = await requirePageActor();
  if (!pageAllows(actor, "administer") || !actor.userId) {
    return <Forbidden t={(await requestLocale()).t} roles={["admin"]} />;
  }
  // The first paint has both lists (what GET /api/users and /api/tokens answer an admin).
  return <TeamView initialUsers={await listUsers()} initialTokens={await listTokens()} selfId={actor.userId} />;
}

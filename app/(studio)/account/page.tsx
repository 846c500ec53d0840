// /account – your profile, password, sessions and API tokens (every role)
import type { Metadata } from "next";
import { AccountView } from "@/components/account/account-view";
import { Forbidden } from "@/components/auth/forbidden";
import { requirePageActor } from "@/lib/auth/page";
import { listSessions } from "@/lib/auth/sessions";
import { listTokens } from "@/lib/auth/tokens";
import { ROLES } from "@/lib/contracts/access";
import { requestLocale } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await requestLocale();
  return { title: t("account.metaTitle") };
}

export default async function AccountPage() {
  const actor = await requirePageActor();
  // Pages are reached with a session, which always has a user; the built-in admin token has none.
  if (!actor.user || !actor.userId) return <Forbidden t={(await requestLocale()).t} roles={[...ROLES]} />;
  // The first paint has both lists; afterwards the page talks to the routes the API offers.
  return (
    <AccountView
      user={actor.user}
      initialSessions={await listSessions(actor.userId, actor.sessionId ?? null)}
      initialTokens={await listTokens(actor.userId)}
    />
  );
}

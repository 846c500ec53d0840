// /sign-in – email and password; back to `next` afterwards
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { pageActor, safeNext } from "@/lib/auth/page";
import { userCount } from "@/lib/auth/users";
import { requestLocale } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await requestLocale();
  return { title: `${t("auth.signIn.submit")} · Atelier` };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const next = safeNext((await searchParams).next);
  if ((await userCount()) === 0) redirect("/setup");
  if (await pageActor()) redirect(next);
  return <SignInForm next={next} />;
}

// /setup – first run only: create the first admin (afterwards it leads to sign-in)
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SetupForm } from "@/components/auth/setup-form";
import { userCount } from "@/lib/auth/users";
import { requestLocale } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await requestLocale();
  return { title: `${t("auth.setup.title")}` };
}

export default async function SetupPage() {
  if ((await userCount()) > 0) redirect("/sign-in");
  return <SetupForm />;
}

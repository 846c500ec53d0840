import type { ReactNode } from "react";
import { requirePageActor } from "@/lib/auth/page";

export const dynamic = "force-dynamic";

// Every studio page needs a signed-in user: the setup form while nobody exists, else the sign-in page.
export default async function StudioLayout({ children }: { children: ReactNode }) {
  await requirePageActor();
  return children;
}

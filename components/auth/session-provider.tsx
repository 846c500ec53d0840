"use client";

import { createContext, useContext, useMemo, type ReactNode } from "react";
import { canModify, roleCan, type Permission, type Role, type User } from "@/lib/contracts/access";

export interface SessionValue {
  /** Null when signed out (sign-in and setup pages). */
  user: User | null;
  role: Role | null;
  /** Names by user id, for "made by" labels. */
  names: Record<string, string>;
  can: (permission: Permission) => boolean;
  /** May this user change something created by `createdBy` (own work, or anyone's for managers)? */
  canModify: (createdBy: string | null) => boolean;
}

const SessionContext = createContext<SessionValue | null>(null);

/**
 * Who is signed in, from the server's render: the UI hides or disables what the role may not do. The
 * server refuses it regardless (lib/http.ts `route`); this only keeps buttons honest.
 */
export function SessionProvider({
  user,
  members,
  children,
}: {
  user: User | null;
  members: { id: string; name: string }[];
  children: ReactNode;
}) {
  const value = useMemo<SessionValue>(() => {
    const role = user?.role ?? null;
    return {
      user,
      role,
      names: Object.fromEntries(members.map((m) => [m.id, m.name])),
      can: (p) => role !== null && roleCan(role, p),
      canModify: (createdBy) => role !== null && canModify(role, user?.id ?? null, createdBy),
    };
  }, [user, members]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

const SIGNED_OUT: SessionValue = { user: null, role: null, names: {}, can: () => false, canModify: () => false };

/** Outside a provider (unit tests of components): a session that may do everything is not assumed. */
export function useSession(): SessionValue {
  return useContext(SessionContext) ?? SIGNED_OUT;
}

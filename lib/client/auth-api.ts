import type { User } from "@/lib/contracts/access";
import { api } from "./api";

export const setup = (body: { email: string; name: string; password: string }) =>
  api<{ user: User }>("/api/setup", { method: "POST", body });

export const signIn = (body: { email: string; password: string }) =>
  api<{ user: User }>("/api/auth/sign-in/email", { method: "POST", body });

export const signOut = () => api<{ ok: true }>("/api/auth/sign-out", { method: "POST", body: {} });

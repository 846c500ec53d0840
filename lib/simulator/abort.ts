import "server-only";
import { ClientAborted } from "./http";

/**
 * Waits `ms`, or rejects with ClientAborted as soon as `signal` aborts. The timer and the listener are
 * both removed whichever happens first, so an aborted request leaves nothing scheduled behind.
 */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(new ClientAborted());
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new ClientAborted());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** The "hang" fault: never settles on its own and holds no timer, only an abort listener. */
export function waitForAbort(signal: AbortSignal): Promise<never> {
  if (signal.aborted) return Promise.reject(new ClientAborted());
  return new Promise((_resolve, reject) => {
    signal.addEventListener("abort", () => reject(new ClientAborted()), { once: true });
  });
}

export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new ClientAborted();
}

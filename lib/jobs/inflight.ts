import "server-only";
import { env } from "@/lib/env";

/**
 * A counting semaphore over bytes: holders of `acquire(n)` together never exceed `capacity` (one
 * request bigger than the capacity is granted alone, when nothing else is held). First come, first
 * served: a large request at the head is not overtaken by smaller ones behind it, so it cannot starve.
 * A waiter whose signal aborts leaves the queue (its promise rejects with the signal's reason).
 */
export class ByteSemaphore {
  private held = 0;
  private maxHeld = 0;
  private readonly queue: { n: number; grant: () => void }[] = [];

  constructor(readonly capacity: number) {}

  /** Wait for `bytes`; answers the release (idempotent: call it in a `finally`). */
  acquire(bytes: number, signal?: AbortSignal): Promise<() => void> {
    const n = Math.min(Math.max(0, Math.ceil(bytes)), this.capacity);
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const entry = {
        n,
        grant: () => {
          signal?.removeEventListener("abort", onAbort);
          this.take(n);
          resolve(this.releaser(n));
        },
      };
      const onAbort = () => {
        const i = this.queue.indexOf(entry);
        if (i < 0) return;
        this.queue.splice(i, 1);
        reject(signal!.reason);
        this.pump(); // the head may have been what blocked the rest
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.queue.push(entry);
      this.pump();
    });
  }

  /** Held now, the most ever held at once, and requests waiting. */
  gauge(): { capacity: number; held: number; peak: number; waiting: number } {
    return { capacity: this.capacity, held: this.held, peak: this.maxHeld, waiting: this.queue.length };
  }

  private take(n: number) {
    this.held += n;
    this.maxHeld = Math.max(this.maxHeld, this.held);
  }

  private releaser(n: number): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.held -= n;
      this.pump();
    };
  }

  private pump() {
    while (this.queue.length) {
      const head = this.queue[0];
      if (this.held > 0 && this.held + head.n > this.capacity) return;
      this.queue.shift();
      head.grant();
    }
  }
}

let shared: ByteSemaphore | null = null;

/** The process-wide bound on input-image bytes held by running jobs (MAX_INFLIGHT_INPUT_BYTES). */
export function inflightInputBytes(): ByteSemaphore {
  shared ??= new ByteSemaphore(env().MAX_INFLIGHT_INPUT_BYTES);
  return shared;
}

/** For tests: the next `inflightInputBytes()` reads the environment again (nothing may be held). */
export function resetInflightInputBytes(): void {
  shared = null;
}

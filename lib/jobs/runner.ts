import "server-only";
import { env } from "@/lib/env";
import type { ModelCard } from "@/lib/models";
import { runGeneration } from "./run-generation";

/**
 * In-process job runner: a FIFO queue drained by up to JOB_CONCURRENCY workers. One per process,
 * kept on globalThis so Next's dev reloads do not start a second one. The database is the source of
 * truth; this only holds what is running now and the abort handle of each.
 */
class JobRunner {
  private readonly queue: string[] = [];
  private readonly running = new Map<string, AbortController>();
  /** The card validation resolved, handed to the run (a resumed job has none and looks it up). */
  private readonly cards = new Map<string, ModelCard>();
  private waiters: (() => void)[] = [];
  private stopped = false;

  enqueue(generationId: string, card?: ModelCard): void {
    if (this.running.has(generationId) || this.queue.includes(generationId)) return;
    if (card) this.cards.set(generationId, card);
    this.queue.push(generationId);
    this.pump();
  }

  /** Abort the upstream work of a job (its row was already set to cancelled). */
  abort(generationId: string): void {
    const i = this.queue.indexOf(generationId);
    if (i >= 0) this.queue.splice(i, 1);
    if (i >= 0) this.cards.delete(generationId);
    this.running.get(generationId)?.abort(new DOMException("Generation cancelled", "AbortError"));
  }

  /**
   * Shutting down: start nothing more and abort what runs, so no upstream socket keeps the process alive.
   * Rows are left as they are — running ones become `interrupted` (retryable) and queued ones resume at the
   * next boot, the same recovery a crash gets.
   */
  shutdown(): number {
    this.stopped = true;
    this.queue.length = 0;
    for (const c of this.running.values()) c.abort(new DOMException("Server shutting down", "AbortError"));
    return this.running.size;
  }

  /** Resolves when nothing is queued or running (tests, graceful shutdown). */
  idle(): Promise<void> {
    if (this.queue.length === 0 && this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  get activeCount(): number {
    return this.running.size;
  }

  private pump(): void {
    const limit = env().JOB_CONCURRENCY;
    while (!this.stopped && this.running.size < limit && this.queue.length > 0) {
      const id = this.queue.shift() as string;
      const controller = new AbortController();
      this.running.set(id, controller);
      const card = this.cards.get(id);
      this.cards.delete(id);
      void runGeneration(id, controller.signal, card)
        .catch((err) => console.error("[atelier] job crashed:", id, err instanceof Error ? err.message : "unknown"))
        .finally(() => {
          this.running.delete(id);
          this.pump();
          if (this.queue.length === 0 && this.running.size === 0) {
            const w = this.waiters;
            this.waiters = [];
            w.forEach((f) => f());
          }
        });
    }
  }
}

const slot = globalThis as unknown as { __atelierRunner?: JobRunner };

export function jobRunner(): JobRunner {
  slot.__atelierRunner ??= new JobRunner();
  return slot.__atelierRunner;
}

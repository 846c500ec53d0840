import "server-only";
import { dbDialect } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { ModelCard } from "@/lib/models";
import { PgJobRunner } from "./pg-runner";
import { runGeneration } from "./run-generation";

/** What the routes and boot ask of a runner, whichever database the studio runs on. */
export interface JobRunner {
  /** A job was stored as queued (its transaction committed): run it, here or on any process. */
  enqueue(generationId: string, card?: ModelCard): void;
  /** Its row was set to cancelled: abort its upstream work wherever it runs. */
  abort(generationId: string): void;
  /** Stop taking jobs and abort what runs here; answers how many were running. */
  shutdown(): number;
  /** Resolves when nothing this process took is queued or running. */
  idle(): Promise<void>;
  readonly activeCount: number;
  /** At boot: start taking what is queued (the shared queue claims; the local one was handed the ids). */
  resume(): void;
}

/**
 * In-process job runner (SQLite): a FIFO queue drained by up to JOB_CONCURRENCY workers. One per process,
 * kept on globalThis so Next's dev reloads do not start a second one. The database is the source of
 * truth; this only holds what is running now and the abort handle of each.
 */
class LocalJobRunner implements JobRunner {
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

  resume(): void {
    this.pump();
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

const slot = globalThis as unknown as { __atelierRunner?: { target: string; runner: JobRunner } };

/** The process's runner: the in-process queue on SQLite, the shared queue on PostgreSQL. */
export function jobRunner(): JobRunner {
  const postgres = dbDialect() === "postgres";
  const target = postgres ? (env().DATABASE_URL ?? "") : "sqlite";
  const current = slot.__atelierRunner;
  if (current?.target === target) return current.runner;
  if (current?.runner instanceof PgJobRunner) current.runner.close(); // tests switch databases
  const runner = postgres ? new PgJobRunner() : new LocalJobRunner();
  slot.__atelierRunner = { target, runner };
  return runner;
}

/**
 * Forget the process's runner; a shared-queue runner lets go of its listener and timers (tests switching
 * databases: a runner of the last database must not keep polling it). Jobs still running keep running.
 */
export function releaseJobRunner(): void {
  const current = slot.__atelierRunner;
  slot.__atelierRunner = undefined;
  if (current?.runner instanceof PgJobRunner) current.runner.close();
}

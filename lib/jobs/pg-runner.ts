import "server-only";
import crypto from "node:crypto";
import os from "node:os";
import { notify, pgListener } from "@/lib/db/listener";
import { claimNextQueued, interruptOwned, reapExpiredLeases, renewLeases } from "@/lib/db/queue";
import { env } from "@/lib/env";
import type { ModelCard } from "@/lib/models";
import { runGeneration } from "./run-generation";
import type { JobRunner } from "./runner";

/** How often, at most, an idle process looks for queued jobs without being told (a missed notification). */
const POLL_MS = 2_000;

/**
 * The shared queue's runner (PostgreSQL): any number of studio processes take queued jobs from the
 * `generations` table (lib/db/queue.ts), at most JOB_CONCURRENCY running at once across all of them.
 * - A claim gives this process a lease of JOB_LEASE_S, renewed every third of it while the job runs; every
 *   process fails running jobs whose lease passed (their process died) as `interrupted`.
 * - New jobs and cancels are announced with NOTIFY: `atelier_jobs` wakes every process to claim,
 *   `atelier_cancel` (the job id) makes the one running it abort its upstream request. A poll every
 *   POLL_MS covers a notification lost while the listening connection was re-established.
 */
export class PgJobRunner implements JobRunner {
  readonly owner = `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString("hex")}`;
  private readonly running = new Map<string, AbortController>();
  /** Cards validation resolved for jobs posted here (a job claimed elsewhere looks its card up). */
  private readonly cards = new Map<string, ModelCard>();
  private waiters: (() => void)[] = [];
  private stopped = false;
  private claiming = false;
  private again = false;
  private unlisten: (() => void)[] = [];
  private timers: NodeJS.Timeout[] = [];
  private started = false;

  private get leaseMs(): number {
    return env().JOB_LEASE_S * 1000;
  }

  /** Listen and start the heartbeat, reaper and poll (once, on first use). */
  private start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.listen();
    const beat = Math.max(1000, Math.floor(this.leaseMs / 3));
    this.timers.push(
      setInterval(() => void this.heartbeat(), beat),
      setInterval(() => this.pump(), POLL_MS),
    );
    for (const t of this.timers) t.unref();
    void this.heartbeat();
  }

  private listen(): void {
    const listener = pgListener();
    if (!listener || this.stopped) return;
    this.unlisten.push(
      listener.on("atelier_jobs", () => this.pump()),
      listener.on("atelier_cancel", (id) => id && this.abortLocal(id)),
      listener.onReconnect(() => this.pump()),
    );
  }

  private async heartbeat(): Promise<void> {
    try {
      if (this.running.size) await renewLeases(this.owner, this.leaseMs);
      const reaped = await reapExpiredLeases();
      for (const id of reaped) this.abortLocal(id); // ours, if this process had stalled past its own lease
    } catch {
      // The database is unreachable now; the next beat tries again.
    }
  }

  enqueue(generationId: string, card?: ModelCard): void {
    if (card) this.cards.set(generationId, card);
    this.start();
    void notify("atelier_jobs").catch(() => undefined);
    this.pump();
  }

  abort(generationId: string): void {
    this.abortLocal(generationId);
    void notify("atelier_cancel", generationId).catch(() => undefined);
  }

  private abortLocal(generationId: string): void {
    this.cards.delete(generationId);
    this.running.get(generationId)?.abort(new DOMException("Generation cancelled", "AbortError"));
  }

  shutdown(): number {
    this.stopped = true;
    const n = this.running.size;
    for (const c of this.running.values()) c.abort(new DOMException("Server shutting down", "AbortError"));
    // Others need not wait for the lease: this process's running jobs end as interrupted now.
    void interruptOwned(this.owner).catch(() => undefined);
    this.close();
    return n;
  }

  /** Let go of the listener and timers (a test switching databases; shutdown). */
  close(): void {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    for (const off of this.unlisten.splice(0)) off();
  }

  idle(): Promise<void> {
    if (this.running.size === 0 && !this.claiming) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  get activeCount(): number {
    return this.running.size;
  }

  resume(): void {
    this.pump();
  }

  /** Claim queued jobs while this process has room and the cluster is under its cap. */
  pump(): void {
    if (this.stopped) return;
    this.start();
    if (this.claiming) {
      this.again = true;
      return;
    }
    this.claiming = true;
    void this.claimLoop().finally(() => {
      this.claiming = false;
      if (this.again) {
        this.again = false;
        this.pump();
      } else this.settle();
    });
  }

  private async claimLoop(): Promise<void> {
    const limit = env().JOB_CONCURRENCY;
    while (!this.stopped && this.running.size < limit) {
      let id: string | undefined;
      try {
        id = await claimNextQueued(this.owner, this.leaseMs, limit);
      } catch {
        return; // the database is unreachable now; the poll tries again
      }
      if (!id) return;
      this.run(id);
    }
  }

  private run(id: string): void {
    const controller = new AbortController();
    this.running.set(id, controller);
    const card = this.cards.get(id);
    this.cards.delete(id);
    void runGeneration(id, controller.signal, card, { claimed: true })
      .catch((err) => console.error("[atelier] job crashed:", id, err instanceof Error ? err.message : "unknown"))
      .finally(() => {
        this.running.delete(id);
        // A slot is free here and maybe in the cluster: whoever is waiting may claim.
        void notify("atelier_jobs").catch(() => undefined);
        this.pump();
      });
  }

  private settle(): void {
    if (this.running.size || this.claiming) return;
    const w = this.waiters;
    this.waiters = [];
    w.forEach((f) => f());
  }
}

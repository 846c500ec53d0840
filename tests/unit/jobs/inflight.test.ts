import { describe, expect, it } from "vitest";
import { ByteSemaphore } from "@/lib/jobs/inflight";

const tick = () => new Promise((r) => setImmediate(r));

/** Acquire, recording when each grant happened. */
function track(sem: ByteSemaphore, order: string[], name: string, n: number, signal?: AbortSignal) {
  return sem.acquire(n, signal).then((release) => {
    order.push(name);
    return release;
  });
}

describe("ByteSemaphore", () => {
  it("grants while the total fits, queues the rest", async () => {
    const sem = new ByteSemaphore(100);
    const a = await sem.acquire(60);
    const b = await sem.acquire(40);
    const order: string[] = [];
    const c = track(sem, order, "c", 10);
    await tick();
    expect(order).toEqual([]);
    expect(sem.gauge()).toEqual({ capacity: 100, held: 100, peak: 100, waiting: 1 });
    a();
    (await c)();
    expect(order).toEqual(["c"]);
    b();
    expect(sem.gauge()).toMatchObject({ held: 0, waiting: 0, peak: 100 });
  });

  it("is first come, first served: a big request at the head is not overtaken by small ones", async () => {
    const sem = new ByteSemaphore(100);
    const first = await sem.acquire(50);
    const order: string[] = [];
    const big = track(sem, order, "big", 80);
    const small = track(sem, order, "small", 10); // would fit now, but waits its turn
    await tick();
    expect(order).toEqual([]);
    first();
    const releaseBig = await big;
    await tick();
    expect(order).toEqual(["big", "small"]); // 80 + 10 fit together
    releaseBig();
    (await small)();
    expect(sem.gauge().held).toBe(0);
  });

  it("grants a request bigger than the capacity alone, once nothing else is held", async () => {
    const sem = new ByteSemaphore(100);
    const a = await sem.acquire(30);
    const order: string[] = [];
    const huge = track(sem, order, "huge", 500);
    await tick();
    expect(order).toEqual([]);
    a();
    const r = await huge;
    expect(sem.gauge()).toMatchObject({ held: 100, peak: 100 });
    const next = track(sem, order, "next", 1);
    await tick();
    expect(order).toEqual(["huge"]);
    r();
    (await next)();
  });

  it("releases once however often the release is called (a finally after a failure)", async () => {
    const sem = new ByteSemaphore(100);
    const a = await sem.acquire(70);
    await expect(
      (async () => {
        try {
          throw new Error("upstream failed");
        } finally {
          a();
        }
      })(),
    ).rejects.toThrow("upstream failed");
    a();
    a();
    expect(sem.gauge().held).toBe(0);
    const b = await sem.acquire(100);
    expect(sem.gauge().held).toBe(100);
    b();
  });

  it("an aborted waiter leaves the queue and lets the ones behind it go", async () => {
    const sem = new ByteSemaphore(100);
    const a = await sem.acquire(50);
    const ac = new AbortController();
    const order: string[] = [];
    const big = track(sem, order, "big", 90, ac.signal);
    const small = track(sem, order, "small", 40);
    await tick();
    expect(sem.gauge().waiting).toBe(2);
    ac.abort();
    await expect(big).rejects.toMatchObject({ name: "AbortError" });
    const releaseSmall = await small;
    expect(order).toEqual(["small"]);
    expect(sem.gauge()).toMatchObject({ held: 90, waiting: 0 });
    a();
    releaseSmall();
    expect(sem.gauge().held).toBe(0);
  });

  it("refuses at once with a signal already aborted, holding nothing", async () => {
    const sem = new ByteSemaphore(100);
    await expect(sem.acquire(10, AbortSignal.abort())).rejects.toMatchObject({ name: "AbortError" });
    expect(sem.gauge()).toMatchObject({ held: 0, waiting: 0 });
  });

  it("an abort after the grant changes nothing: the holder releases as usual", async () => {
    const sem = new ByteSemaphore(100);
    const ac = new AbortController();
    const r = await sem.acquire(60, ac.signal);
    ac.abort();
    expect(sem.gauge().held).toBe(60);
    r();
    expect(sem.gauge().held).toBe(0);
  });
});

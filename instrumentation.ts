/** Longest a stop may take: Next.js closes the listener and waits for open requests; past this it exits anyway. */
const SHUTDOWN_GRACE_MS = 8_000;

export async function register() {
  // Next calls this once per server instance and runtime; the data layer needs Node.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { boot } = await import("@/lib/boot");
    await boot();
    const { jobRunner } = await import("@/lib/jobs/runner");
    // Next.js's own handler stops accepting and lets open requests end; this one aborts running jobs (they are
    // recovered at the next boot) and bounds the wait, so a stop never hangs on a long download or stream.
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      process.once(signal, () => {
        jobRunner().shutdown();
        setTimeout(() => process.exit(signal === "SIGINT" ? 130 : 143), SHUTDOWN_GRACE_MS).unref();
      });
    }
  }
}

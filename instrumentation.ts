export async function register() {
  // Next calls this once per server instance and runtime; the data layer needs Node.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { boot } = await import("@/lib/boot");
    await boot();
  }
}

/**
 * A second studio process for the scale-out tests: boots against the environment it is given (the same
 * DATABASE_URL, data dir and simulator as the test), takes jobs from the shared queue, and reports how many
 * it runs whenever that changes (`active <n>`). Run with tsx and tsconfig.scripts.json; stdin closing stops it.
 */
async function main() {
  const { boot } = await import("@/lib/boot");
  await boot();
  const { jobRunner } = await import("@/lib/jobs/runner");
  const runner = jobRunner();
  runner.resume();
  console.log(`ready ${(runner as unknown as { owner: string }).owner}`);
  let last = -1;
  setInterval(() => {
    if (runner.activeCount !== last) console.log(`active ${(last = runner.activeCount)}`);
  }, 10);
  process.stdin.resume();
  process.stdin.on("end", () => {
    runner.shutdown();
    setTimeout(() => process.exit(0), 200);
  });
}

void main();
export {};

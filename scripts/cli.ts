// `npm run cli -- …`: the command-line counterpart of the studio (same registry, validation, provider).
// With --server URL --token T (or ATELIER_SERVER / ATELIER_TOKEN) it runs the job on that studio over HTTP;
// Ctrl-C then cancels the generation there (lib/cli/remote.ts handles SIGINT for the length of the run).
import { runCli } from "@/lib/cli/run-cli";

void runCli(process.argv.slice(2)).then((code) => process.exit(code));

// `npm run cli -- …`: the command-line counterpart of the studio (same registry, validation, provider).
import { runCli } from "@/lib/cli/run-cli";

void runCli(process.argv.slice(2)).then((code) => process.exit(code));

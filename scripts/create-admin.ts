// Creates an admin, or resets an existing admin's password (signing out their sessions).
//   npx tsx scripts/create-admin.ts --email owner@example.com            (prompts, hidden)
//   npx tsx scripts/create-admin.ts --email owner@example.com --password '…' [--name "Owner"]
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { runScript } from "./lib/run-script";

const USAGE = `Usage: npx tsx scripts/create-admin.ts --email EMAIL [--password PASSWORD] [--name NAME]
  Without --password you are prompted (input hidden). A password given on the command
  line may be kept in your shell history; prefer the prompt.`;

/** Reads the password without echoing it (TTY: asks twice; piped: reads one line). */
function promptPassword(): Promise<string> {
  const tty = !!process.stdin.isTTY;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: tty });
  const internals = rl as unknown as { _writeToOutput: (text: string) => void };
  const write = internals._writeToOutput.bind(rl);
  let muted = false;
  internals._writeToOutput = (text: string) => {
    if (!muted) write(text);
  };
  const ask = (question: string) =>
    new Promise<string>((resolve) => {
      muted = false;
      rl.question(question, (answer) => {
        if (tty) process.stdout.write("\n");
        resolve(answer);
      });
      muted = true;
    });
  return (async () => {
    try {
      const password = await ask("Password: ");
      if (tty && (await ask("Password (again): ")) !== password) throw new Error("the passwords do not match");
      return password;
    } finally {
      rl.close();
    }
  })();
}

await runScript(async () => {
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      strict: true,
      allowPositionals: false,
      options: {
        email: { type: "string" },
        password: { type: "string" },
        name: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (error) {
    console.error(`create-admin: ${(error as Error).message.split("\n")[0]}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.email) {
    console.error(`create-admin: --email is required\n${USAGE}`);
    return 2;
  }
  const { adminAccountSchema, upsertAdmin } = await import("../lib/auth/admin-accounts");
  const password = values.password ?? (await promptPassword());
  const parsed = adminAccountSchema.safeParse({ email: values.email, password, name: values.name });
  if (!parsed.success) {
    console.error(`create-admin: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
    return 2;
  }
  const outcome = await upsertAdmin(parsed.data);
  console.log(
    outcome === "created"
      ? `Created admin ${parsed.data.email}. Sign in at /admin/login.`
      : `Reset the password of ${parsed.data.email} and signed out its sessions.`,
  );
  return 0;
});

// `npm start`: the production server. It is `next start` through Next's custom-server API,
// with one addition: under TRUST_PROXY=none the forwarding headers are replaced by the
// TCP peer's address before Next sees the request, so a client cannot choose the address
// its rate limits are counted under (ADR 046).
//   npm start -- -H 127.0.0.1 -p 3000
import { createServer } from "node:http";
import nextEnv from "@next/env";
import { parseStartArgs } from "./lib/start-args";

// As `next start` does: a production server whatever the shell says.
Object.assign(process.env, { NODE_ENV: "production" });
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

async function main(): Promise<void> {
  const args = parseStartArgs(process.argv.slice(2));
  const dir = process.cwd();
  // The same .env files `next start` loads, before the environment is validated.
  nextEnv.loadEnvConfig(dir, false);
  // As `next start -p` does: the app reads the port it serves on from PORT.
  if (args.port) process.env.PORT = String(args.port);
  const { env, trustProxy } = await import("../lib/env");
  const { pinForwardingHeaders } = await import("../lib/http/client-ip");
  const trust = trustProxy();
  const port = args.port ?? env().PORT;
  const hostname = args.hostname;

  const { default: next } = await import("next");
  const app = next({ dev: false, dir, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = createServer((req, res) => {
    pinForwardingHeaders(req.headers, req.socket.remoteAddress, trust);
    handle(req, res).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
  server.on("error", (error) => {
    console.error(`error: ${error.message}`);
    process.exit(1);
  });
  server.listen(port, hostname, () => {
    console.info(`ready on http://${hostname ?? "localhost"}:${port} (TRUST_PROXY=${trust.kind === "hops" ? trust.hops : trust.kind})`);
  });
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      server.close();
      process.exit(0);
    });
  }
}

main().catch((error: unknown) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

// The flags `npm start` takes, as `next start` spells them (-H/--hostname, -p/--port).

export type StartArgs = { hostname?: string; port?: number };

export function parseStartArgs(argv: string[]): StartArgs {
  const args: StartArgs = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === "") throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === "-H" || flag === "--hostname") args.hostname = value();
    else if (flag === "-p" || flag === "--port") {
      const raw = value();
      const port = Number(raw);
      if (!/^\d+$/.test(raw) || port < 1 || port > 65_535) throw new Error(`invalid port: ${raw}`);
      args.port = port;
    } else throw new Error(`unknown option: ${argv[i]} (npm start takes -H <host> and -p <port>)`);
  }
  return args;
}

import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

// A real CalDAV server for tests: Debian's radicale on 127.0.0.1, a fresh storage folder,
// `auth type = none` (any password is accepted; user U owns /U/). RADICALE_BIN overrides the binary.

export type Radicale = {
  url: string;
  makeCalendar: (user: string, name: string) => Promise<string>;
  putEvent: (calendarUrl: string, name: string, ics: string) => Promise<void>;
  deleteEvent: (calendarUrl: string, name: string) => Promise<void>;
  /** The iCalendar text of every object in a calendar. */
  objects: (calendarUrl: string) => Promise<string[]>;
  stop: () => Promise<void>;
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`radicale exited (${child.exitCode}): ${output()}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(500) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`radicale did not start: ${output()}`);
}

export async function startRadicale(options: { port?: number } = {}): Promise<Radicale> {
  const dir = await mkdtemp(path.join(tmpdir(), "radicale-"));
  const port = options.port ?? (await freePort());
  const config = path.join(dir, "config");
  await writeFile(
    config,
    [
      "[server]",
      `hosts = 127.0.0.1:${port}`,
      "[auth]",
      "type = none",
      "[storage]",
      `filesystem_folder = ${path.join(dir, "collections")}`,
      "[rights]",
      "type = owner_only",
      "[logging]",
      "level = warning",
    ].join("\n"),
  );
  const child = spawn(process.env.RADICALE_BIN ?? "/usr/bin/radicale", ["--config", config], { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout?.on("data", (d) => (log += String(d)));
  child.stderr?.on("data", (d) => (log += String(d)));
  const url = `http://127.0.0.1:${port}/`;
  await waitUntilUp(url, child, () => log);
  const auth = (user: string) => ({ Authorization: `Basic ${Buffer.from(`${user}:x`).toString("base64")}` });
  const userOf = (calendarUrl: string) => new URL(calendarUrl).pathname.split("/")[1]!;
  const must = async (response: Response, what: string) => {
    if (!response.ok) throw new Error(`${what}: ${response.status} ${await response.text()}`);
  };

  return {
    url,
    async makeCalendar(user, name) {
      const calendarUrl = `${url}${user}/${name}/`;
      const body = `<?xml version="1.0" encoding="utf-8"?>
<D:mkcol xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop>
<D:resourcetype><D:collection/><C:calendar/></D:resourcetype><D:displayname>${name}</D:displayname>
</D:prop></D:set></D:mkcol>`;
      await must(
        await fetch(calendarUrl, { method: "MKCOL", headers: { ...auth(user), "Content-Type": "application/xml" }, body }),
        "MKCOL",
      );
      return calendarUrl;
    },
    async putEvent(calendarUrl, name, ics) {
      const response = await fetch(`${calendarUrl}${name}.ics`, {
        method: "PUT",
        headers: { ...auth(userOf(calendarUrl)), "Content-Type": "text/calendar" },
        body: ics,
      });
      await must(response, "PUT");
    },
    async deleteEvent(calendarUrl, name) {
      await must(await fetch(`${calendarUrl}${name}.ics`, { method: "DELETE", headers: auth(userOf(calendarUrl)) }), "DELETE");
    },
    async objects(calendarUrl) {
      // Radicale serves a whole calendar collection as one iCalendar text on GET.
      const response = await fetch(calendarUrl, { headers: auth(userOf(calendarUrl)) });
      await must(response, "GET");
      const text = await response.text();
      return text
        .split("BEGIN:VEVENT")
        .slice(1)
        .map((chunk) => `BEGIN:VEVENT${chunk.split("END:VEVENT")[0]}END:VEVENT`);
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A one-event VCALENDAR in UTC, plus any extra VEVENT lines. */
export function veventIcs(uid: string, start: Date, end: Date, extra: string[] = []): string {
  const utc = (d: Date) =>
    d
      .toISOString()
      .replace(/[-:]/g, "")
      .replace(/\.\d{3}Z$/, "Z");
  return [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//tests//radicale//EN",
    "BEGIN:VEVENT",
    `UID:${uid}`,
    "DTSTAMP:20270101T000000Z",
    `DTSTART:${utc(start)}`,
    `DTEND:${utc(end)}`,
    ...extra,
    "END:VEVENT",
    "END:VCALENDAR",
  ].join("\r\n");
}

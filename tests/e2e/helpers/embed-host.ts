import { createServer, type Server } from "node:http";
import { withE2eDb } from "./db";

// A site on another origin that embeds the booking flow (127.0.0.2 is a different site to the
// browser), and the app setting that allows it to frame /embed.

/** Serves `pages` (path → HTML) on 127.0.0.2:port, and allows that origin to embed the flow. */
export async function startEmbedHost(port: number, pages: Record<string, string>): Promise<{ origin: string; close(): Promise<void> }> {
  const origin = `http://127.0.0.2:${port}`;
  const server: Server = createServer((req, res) => {
    const page = pages[req.url ?? ""];
    res.writeHead(page ? 200 : 404, { "Content-Type": "text/html; charset=utf-8" });
    res.end(page ?? "not found");
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.2", resolve));
  await withE2eDb((db) =>
    db.query(`INSERT INTO "BusinessSetting" (key, value) VALUES ('EMBED_ALLOWED_ORIGINS', $1) ON CONFLICT (key) DO UPDATE SET value = $1`, [
      JSON.stringify([origin]),
    ]),
  );
  return {
    origin,
    async close() {
      await withE2eDb((db) => db.query(`DELETE FROM "BusinessSetting" WHERE key = 'EMBED_ALLOWED_ORIGINS'`));
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

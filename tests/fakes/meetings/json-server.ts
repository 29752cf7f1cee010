import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

// A tiny HTTP server for vendor fakes (meeting APIs, Resend): one handler per vendor,
// JSON in and out, on a random loopback port.

export type FakeRequest = { method: string; url: URL; headers: IncomingHttpHeaders; body: string };
/**
 * "drop" closes the connection without an answer, like a vendor that is down; "hang"
 * accepts the request and never answers (until the server closes).
 */
export type FakeResponse = { status: number; json?: unknown; headers?: Record<string, string> } | "drop" | "hang";
export type FakeHandler = (request: FakeRequest) => FakeResponse | Promise<FakeResponse>;

export type JsonServer = { url: string; requests: FakeRequest[]; close: () => Promise<void> };

export async function startJsonServer(handler: FakeHandler, listenPort = 0): Promise<JsonServer> {
  const requests: FakeRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const request: FakeRequest = {
        method: req.method ?? "GET",
        url: new URL(req.url ?? "/", "http://fake.local"),
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(request);
      const response = await handler(request);
      if (response === "drop") {
        req.socket.destroy();
        return;
      }
      if (response === "hang") return;
      res.writeHead(response.status, { "content-type": "application/json", ...response.headers });
      res.end(response.json === undefined ? "" : JSON.stringify(response.json));
    });
  });
  await new Promise<void>((resolve) => server.listen(listenPort, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function bearer(request: FakeRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith("Bearer ") ? header.slice(7) : undefined;
}

/**
 * Serves a build on http://127.0.0.1:<free port>/ with the project's own static handler
 * (scripts/start.js, the one `npm start` serves over HTTPS), and records every path asked for.
 * Plain HTTP is enough here: Chromium treats 127.0.0.1 as a secure context.
 */
import * as http from "http";
import type { AddressInfo } from "net";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { makeHandler } = require("../../../scripts/start.js") as { makeHandler(root: string): http.RequestListener };

export interface StaticServer {
  /** "http://127.0.0.1:PORT/" */
  readonly origin: string;
  /** Request paths in the order they arrived, e.g. "/taskpane.html". */
  readonly requests: string[];
  close(): Promise<void>;
}

export async function serve(root: string): Promise<StaticServer> {
  process.env.START_QUIET = "1"; // the handler logs each request otherwise
  const handler = makeHandler(root);
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
    handler(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

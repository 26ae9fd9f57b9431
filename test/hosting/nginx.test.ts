/**
 * The hosting kit: dist/ served by Debian's nginx with the shipped server block (hosting/nginx.conf),
 * on a loopback port, and the headers an organisation's host must send checked on real responses.
 * Only the listening address, the certificate lines and the root are changed for the test (no TLS
 * here); every header and location is the shipped one. The Azure Static Web Apps config must send
 * the same headers, and both must repeat the page's own policy plus frame-ancestors.
 *
 * Needs nginx and a built dist/ (npm test builds first): skipped with a warning without them on a
 * developer's machine, failed in CI (CI=true), where .ci/run installs nginx.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(__dirname, "../..");
const DIST = join(ROOT, "dist");
const SHIPPED = readFileSync(join(ROOT, "hosting/nginx.conf"), "utf8");
const SWA = JSON.parse(readFileSync(join(ROOT, "hosting/staticwebapp.config.json"), "utf8")) as {
  globalHeaders: Record<string, string>;
  routes: { route: string; statusCode?: number }[];
};

const nginxBinary = ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"].find((p) => existsSync(p));
const ready = nginxBinary !== undefined && existsSync(join(DIST, "taskpane.html"));
const inCi = process.env.CI === "true";

/** The page's own Content-Security-Policy, from its <meta> tag. */
function metaPolicy(): string {
  const html = readFileSync(join(ROOT, "src/taskpane/taskpane.html"), "utf8").replace(/<!--[\s\S]*?-->/g, "");
  return /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html)![1];
}

/** The `add_header` lines of the shipped server block. */
function shippedHeaders(): Record<string, string> {
  return Object.fromEntries([...SHIPPED.matchAll(/^\s*add_header\s+(\S+)\s+"([^"]*)"\s+always;/gm)].map((m) => [m[1], m[2]]));
}

describe("the hosting configurations", () => {
  test("nginx and Azure Static Web Apps send the same headers", () => {
    expect(shippedHeaders()).toEqual(SWA.globalHeaders);
    expect(SWA.routes).toContainEqual({ route: "/*.map", statusCode: 404 });
  });

  test("the header policy is the page's own policy plus frame-ancestors for the Office hosts only", () => {
    const csp = shippedHeaders()["Content-Security-Policy"];
    const [page, ancestors] = [csp.slice(0, csp.lastIndexOf(";")), csp.slice(csp.lastIndexOf(";") + 1).trim()];
    expect(page).toBe(metaPolicy());
    const sources = ancestors.split(/\s+/);
    expect(sources[0]).toBe("frame-ancestors");
    for (const s of sources.slice(1))
      expect(s).toMatch(/^('self'|https:\/\/\*\.(officeapps\.live\.com|office\.com|office365\.com|microsoft365\.com|cloud\.microsoft|sharepoint\.com))$/);
    expect(csp).not.toMatch(/'unsafe-|\*(?!\.)|\bhttp:/);
  });
});

const serving = ready ? describe : inCi ? describe : describe.skip;
if (!ready && !inCi) console.warn("nginx or dist/ missing: the nginx hosting test is skipped (CI installs nginx and builds first)");

serving("dist/ served by nginx with hosting/nginx.conf", () => {
  let work: string;
  let port: number;
  let server: ChildProcess | undefined;

  const freePort = () =>
    new Promise<number>((done) => {
      const s = createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => done(p));
      });
    });

  beforeAll(async () => {
    expect(nginxBinary).toBeDefined();
    expect(existsSync(join(DIST, "taskpane.html"))).toBe(true);
    work = mkdtempSync(join(tmpdir(), "nginx-"));
    for (const d of ["client", "proxy", "fastcgi", "uwsgi", "scgi"]) mkdirSync(join(work, d));
    port = await freePort();
    const block = SHIPPED.replace(/^\s*listen\s+[^;]*;\s*$/gm, "")
      .replace(/^\s*ssl_[a-z_]+\s+[^;]*;\s*$/gm, "")
      .replace(/^(\s*)root\s+[^;]*;/m, `$1root ${DIST};\n$1listen 127.0.0.1:${port};`);
    const conf = `${process.getuid?.() === 0 ? `user ${userInfo().username};\n` : ""}worker_processes 1;
daemon off;
pid ${work}/nginx.pid;
error_log ${work}/error.log warn;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${work}/client;
  proxy_temp_path ${work}/proxy;
  fastcgi_temp_path ${work}/fastcgi;
  uwsgi_temp_path ${work}/uwsgi;
  scgi_temp_path ${work}/scgi;
${block}
}
`;
    writeFileSync(join(work, "nginx.conf"), conf);
    const check = spawnSync(nginxBinary!, ["-t", "-p", work, "-c", join(work, "nginx.conf")], { encoding: "utf8" });
    expect(check.stderr).toMatch(/syntax is ok/);
    server = spawn(nginxBinary!, ["-p", work, "-c", join(work, "nginx.conf")], { stdio: "ignore" });
    for (let i = 0; i < 100; i++) {
      const up = await fetch(`http://127.0.0.1:${port}/taskpane.html`).then(
        () => true,
        () => false,
      );
      if (up) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`nginx did not start: ${existsSync(join(work, "error.log")) ? readFileSync(join(work, "error.log"), "utf8") : "no log"}`);
  }, 30_000);

  afterAll(() => {
    server?.kill("SIGTERM");
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const get = (path: string) => fetch(`http://127.0.0.1:${port}${path}`);

  test.each(["/taskpane.html", "/taskpane.js", "/functions.json", "/manifest.xml"])("%s carries every security header and no wildcard CORS", async (path) => {
    const r = await get(path);
    expect(r.status).toBe(200);
    for (const [name, value] of Object.entries(shippedHeaders())) expect({ name, value: r.headers.get(name) }).toEqual({ name, value });
    expect(r.headers.get("content-security-policy")).toContain("frame-ancestors 'self' https://*.officeapps.live.com");
    expect(r.headers.get("strict-transport-security")).toMatch(/^max-age=\d{7,}/);
    expect(r.headers.get("x-content-type-options")).toBe("nosniff");
    expect(r.headers.get("access-control-allow-origin")).toBeNull();
    expect(r.headers.get("x-frame-options")).toBeNull();
    expect(r.headers.get("server")).toBe("nginx");
  });

  test("types are right: the page as HTML, the scripts as JavaScript", async () => {
    expect((await get("/taskpane.html")).headers.get("content-type")).toMatch(/^text\/html/);
    expect((await get("/taskpane.js")).headers.get("content-type")).toMatch(/javascript/);
  });

  test("a missing file is a 404 with the same headers; source maps and hidden files are never served", async () => {
    const missing = await get("/nope.js");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("x-content-type-options")).toBe("nosniff");
    expect((await get("/taskpane.js.map")).status).toBe(404);
    expect((await get("/.git/config")).status).toBe(404);
  });
});

#!/usr/bin/env node
/*
 * Serves dist/ on https://localhost:3000 for sideloading the add-in (`npm start` builds first).
 *
 *   node scripts/start.js [--port N] [--dir dist]
 *   DEV_CERTS=self-signed node scripts/start.js    skip office-addin-dev-certs (no trust-store install attempt)
 *
 * Certificates: see scripts/dev-certs.js. Ctrl-C stops the server.
 */
"use strict";

const fs = require("fs");
const https = require("https");
const path = require("path");
const { getDevHttpsOptions } = require("./dev-certs");

const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
};

function parseArgs(argv) {
  const args = {
    port: Number(process.env.PORT || process.env.npm_package_config_dev_server_port || 3000),
    dir: path.resolve(__dirname, "..", "dist"),
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--port") args.port = Number(argv[++i]);
    else if (arg === "--dir") args.dir = path.resolve(argv[++i]);
    else if (arg === "--help" || arg === "-h") {
      console.log("usage: node scripts/start.js [--port N] [--dir dist]");
      process.exit(0);
    } else {
      console.error(`unknown argument: ${arg}`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(args.port) || args.port <= 0 || args.port > 65535) {
    console.error(`invalid port: ${args.port}`);
    process.exit(2);
  }
  return args;
}

/** Maps a request path to a file inside `root`, or undefined when it would leave `root`. */
function resolveFile(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes("\0")) return undefined;
  const file = path.resolve(root, "." + path.posix.normalize("/" + decoded));
  if (file !== root && !file.startsWith(root + path.sep)) return undefined;
  return file;
}

function makeHandler(root) {
  return (req, res) => {
    const baseHeaders = {
      "Access-Control-Allow-Origin": "*",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
    };
    if (req.method === "OPTIONS") {
      res.writeHead(204, {
        ...baseHeaders,
        "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
        "Access-Control-Allow-Headers": "*",
      });
      res.end();
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { ...baseHeaders, Allow: "GET, HEAD, OPTIONS" });
      res.end();
      return;
    }
    const url = new URL(req.url || "/", "https://localhost");
    if (url.pathname === "/") {
      res.writeHead(302, { ...baseHeaders, Location: "/taskpane.html" });
      res.end();
      return;
    }
    const file = resolveFile(root, url.pathname);
    let stat;
    try {
      stat = file && fs.statSync(file);
    } catch {
      stat = undefined;
    }
    if (!file || !stat || !stat.isFile()) {
      res.writeHead(404, { ...baseHeaders, "Content-Type": "text/plain; charset=utf-8" });
      res.end(`404 Not Found: ${url.pathname}\n`);
      log(req, 404);
      return;
    }
    res.writeHead(200, {
      ...baseHeaders,
      "Content-Type": CONTENT_TYPES[path.extname(file).toLowerCase()] || "application/octet-stream",
      "Content-Length": stat.size,
    });
    if (req.method === "HEAD") {
      res.end();
    } else {
      fs.createReadStream(file).pipe(res);
    }
    log(req, 200);
  };
}

function log(req, status) {
  if (process.env.START_QUIET) return;
  console.log(`${new Date().toISOString().slice(11, 19)} ${status} ${req.method} ${req.url}`);
}

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    const onError = (err) => {
      server.off("listening", onListening);
      reject(err);
    };
    const onListening = () => {
      server.off("error", onError);
      resolve(server);
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const root = fs.existsSync(args.dir) ? fs.realpathSync(args.dir) : args.dir;
  if (!fs.existsSync(path.join(root, "taskpane.html"))) {
    console.error(`${path.join(root, "taskpane.html")} not found: build first (npm run build:dev, or npm start).`);
    process.exit(1);
  }
  const manifestPath = path.join(root, "manifest.xml");
  if (fs.existsSync(manifestPath) && !fs.readFileSync(manifestPath, "utf8").includes("https://localhost:")) {
    console.warn("Warning: dist/manifest.xml was rewritten by ADDIN_URL; sideload the repository's manifest.xml instead.");
  }

  const tls = await getDevHttpsOptions();
  const handler = makeHandler(root);
  const servers = [];
  // Both loopback families: Office may resolve "localhost" to 127.0.0.1 or to ::1.
  for (const host of ["127.0.0.1", "::1"]) {
    const server = https.createServer({ key: tls.key, cert: tls.cert, ca: tls.ca }, handler);
    try {
      servers.push(await listen(server, args.port, host));
    } catch (err) {
      if (err.code === "EADDRINUSE") {
        console.error(`Port ${args.port} on ${host} is in use (another dev server? try: npm run stop).`);
        process.exit(1);
      }
      if (host === "127.0.0.1") throw err;
      // No IPv6 loopback on this machine: IPv4 alone is fine.
    }
  }

  const base = `https://localhost:${args.port}/`;
  const rel = (p) => path.relative(process.cwd(), p) || ".";
  console.log("");
  console.log(`AI Token Planner is served from ${rel(root)} at ${base}`);
  console.log(`  task pane:  ${base}taskpane.html`);
  console.log(`  functions:  ${base}functions.js, ${base}functions.json`);
  console.log(
    tls.trusted ? "  certificate: trusted (office-addin-dev-certs)" : `  certificate: NOT trusted by this machine (${tls.source}); see the [certs] lines above`,
  );
  console.log("");
  console.log("Sideload the add-in (manifest.xml at the repository root):");
  console.log("  Excel on the web: open a workbook, Insert > Add-ins > Upload My Add-in (or Home > Add-ins > More Add-ins >");
  console.log("                    Upload My Add-in), choose manifest.xml, then Home > Token Planner.");
  console.log("  Excel desktop:    npm run start:desktop   (office-addin-debugging sideloads manifest.xml and opens Excel;");
  console.log("                    Windows/macOS only) and npm run stop to unload it.");
  console.log("");
  console.log("Press Ctrl-C to stop.");

  let stopping = false;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the server.`);
    for (const server of servers) {
      server.close();
      server.closeAllConnections();
    }
    process.exit(0);
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err && err.message ? err.message : err);
    process.exit(1);
  });
}

module.exports = { resolveFile, makeHandler };

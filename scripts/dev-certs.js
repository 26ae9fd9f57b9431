/*
 * HTTPS certificate for the local dev servers (scripts/start.js and `webpack serve`).
 *
 * Order of preference:
 *  1. office-addin-dev-certs: a CA + localhost certificate in ~/.office-addin-dev-certs (reused while valid,
 *     generated otherwise), with the CA installed in the system trust store. On Windows and macOS that makes
 *     https://localhost:3000 trusted.
 *  2. When the CA cannot be installed (usual on Linux: the installer needs `sudo` and a Debian/Fedora trust store,
 *     and browsers there read their own NSS database anyway), the certificate files office-addin-dev-certs generated
 *     are used untrusted, and the console says how to trust the CA by hand.
 *  3. When those files are missing or expired, they are generated again without installing (pure JavaScript).
 *  4. Last resort: a self-signed localhost certificate made with `openssl`.
 * Keys are written under the user's home or node_modules/.cache, never into the repository.
 *
 * Set DEV_CERTS=self-signed to skip step 1 (no attempt to install anything).
 */
"use strict";

const { execFileSync } = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");

// Long enough that a CA trusted by hand (common on Linux) is not replaced every month.
const DAYS_VALID = 90;
const DOMAINS = ["localhost", "127.0.0.1", "::1"];

function log(message) {
  console.log(`[certs] ${message}`);
}

function firstLine(err) {
  return String((err && err.message) || err)
    .trim()
    .split("\n")[0];
}

/** True when `cert` (PEM) is a certificate for localhost that is valid for at least another day and matches `key`. */
function usable(cert, key) {
  try {
    const x509 = new crypto.X509Certificate(cert);
    const dayFromNow = Date.now() + 24 * 3600 * 1000;
    if (new Date(x509.validTo).getTime() < dayFromNow || new Date(x509.validFrom).getTime() > Date.now()) {
      return false;
    }
    if (!x509.checkHost("localhost")) return false;
    return x509.checkPrivateKey(crypto.createPrivateKey(key));
  } catch {
    return false;
  }
}

function readPair(certPath, keyPath, caPath) {
  if (!fs.existsSync(certPath) || !fs.existsSync(keyPath)) return undefined;
  const cert = fs.readFileSync(certPath);
  const key = fs.readFileSync(keyPath);
  if (!usable(cert, key)) return undefined;
  const ca = caPath && fs.existsSync(caPath) ? fs.readFileSync(caPath) : undefined;
  return { cert, key, ca };
}

function trustHelp(caPath) {
  return [
    `To trust it (once), import the CA certificate ${caPath}:`,
    "  - system store (Debian/Ubuntu):",
    `      sudo cp ${caPath} /usr/local/share/ca-certificates/office-addin-dev-certs.crt && sudo update-ca-certificates`,
    "  - Chrome/Edge on Linux (NSS, needs libnss3-tools):",
    `      certutil -d sql:$HOME/.pki/nssdb -A -t "C,," -n "Office Add-in Dev CA" -i ${caPath}`,
    "  - Firefox: Settings > Privacy & Security > Certificates > View Certificates > Authorities > Import.",
    "Or open https://localhost:3000/taskpane.html once in the browser and accept the warning.",
  ].join("\n");
}

function opensslSelfSigned() {
  const dir = path.resolve(__dirname, "..", "node_modules", ".cache", "ai-token-planner-certs");
  const certPath = path.join(dir, "localhost.crt");
  const keyPath = path.join(dir, "localhost.key");
  const existing = readPair(certPath, keyPath);
  if (existing) return { ...existing, certPath };
  fs.mkdirSync(dir, { recursive: true });
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-sha256",
      "-days",
      String(DAYS_VALID),
      "-keyout",
      keyPath,
      "-out",
      certPath,
      "-subj",
      "/CN=localhost",
      "-addext",
      "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1",
    ],
    { stdio: "pipe" },
  );
  fs.chmodSync(keyPath, 0o600);
  return { ...readPair(certPath, keyPath), certPath };
}

/**
 * Returns { key, cert, ca?, trusted, source } for an HTTPS server on localhost, logging what it did.
 * Never throws unless no certificate at all could be produced.
 */
async function getDevHttpsOptions() {
  let devCerts;
  try {
    devCerts = require("office-addin-dev-certs");
  } catch {
    devCerts = undefined;
  }
  const home = path.join(os.homedir(), ".office-addin-dev-certs");
  const files = {
    ca: path.join(home, "ca.crt"),
    cert: path.join(home, "localhost.crt"),
    key: path.join(home, "localhost.key"),
  };

  const tryDevCerts = devCerts && process.env.DEV_CERTS !== "self-signed";
  let pair = readPair(files.cert, files.key, files.ca);

  if (tryDevCerts && pair) {
    // 1a. Reuse the existing CA (a CA trusted by hand in a browser keeps working across restarts); install it
    //     into the system trust store when it is not there yet.
    let installed = false;
    try {
      installed = devCerts.verifyCertificates(files.cert, files.key);
    } catch {
      installed = false;
    }
    if (!installed) {
      try {
        await devCerts.installCaCertificate(files.ca);
        installed = true;
      } catch (err) {
        log(`office-addin-dev-certs could not install its CA into the trust store: ${firstLine(err)}`);
      }
    }
    if (installed) {
      log(`Trusted development certificate (office-addin-dev-certs): ${files.cert}`);
      return { ...pair, trusted: true, source: files.cert };
    }
  } else if (tryDevCerts) {
    // 1b. No usable certificate yet: generate one and install its CA.
    try {
      const options = await devCerts.getHttpsServerOptions(DAYS_VALID);
      log(`Trusted development certificate (office-addin-dev-certs): ${files.cert}`);
      return { key: options.key, cert: options.cert, ca: options.ca, trusted: true, source: files.cert };
    } catch (err) {
      log(`office-addin-dev-certs could not install its CA into the trust store: ${firstLine(err)}`);
    }
    // 2. The files office-addin-dev-certs generated before failing to install them.
    pair = readPair(files.cert, files.key, files.ca);
  }
  if (tryDevCerts) {
    log("Falling back to an UNTRUSTED certificate: the server still starts, but Office/browsers warn until you trust it.");
  }

  // 3. Generate them again without installing.
  if (!pair && devCerts && typeof devCerts.generateCertificates === "function") {
    try {
      await devCerts.generateCertificates(files.ca, files.cert, files.key, DAYS_VALID, DOMAINS);
      pair = readPair(files.cert, files.key, files.ca);
    } catch (err) {
      log(`Could not generate certificates with office-addin-dev-certs: ${firstLine(err)}`);
    }
  }
  if (pair) {
    log(`Using the untrusted development CA certificate: ${files.cert}`);
    log(trustHelp(files.ca));
    return { ...pair, trusted: false, source: files.cert };
  }

  // 4. A self-signed certificate made with openssl.
  try {
    const self = opensslSelfSigned();
    log(`Using a self-signed certificate made with openssl: ${self.certPath}`);
    log(trustHelp(self.certPath));
    return { key: self.key, cert: self.cert, trusted: false, source: self.certPath };
  } catch (err) {
    throw new Error(
      "No HTTPS certificate could be made: office-addin-dev-certs failed and openssl is not available " + `(${firstLine(err)}). Install openssl and try again.`,
    );
  }
}

module.exports = { getDevHttpsOptions, usable };

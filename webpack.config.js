/*
 * Build of the AI Token Planner add-in (shared runtime: the taskpane page is also the custom functions runtime).
 *
 *   npm run build                         production build into dist/
 *   npm run build:dev                     development build into dist/
 *   npm run dev-server                    webpack serve on https://localhost:3000 (in memory)
 *
 * Environment:
 *   ADDIN_URL=https://host/path/   rewrite every https://localhost:3000/ URL of the copied manifest.xml and of
 *                                  functions.json (help URLs) to it
 *                                  (https only; a trailing slash is added when missing)
 *   OFFICE_JS=local                serve office.js from node_modules/@microsoft/office-js/dist, copied to
 *                                  dist/office-js/, instead of Microsoft's CDN (offline browser tests);
 *                                  same as `--env officeJs=local`
 *   OUTPUT_DIR=path                output folder instead of dist/ (tests build into a temporary folder)
 */
"use strict";

const { resolve, typescriptRule } = require("./webpack.common");
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { HelpPagePlugin } = require("./scripts/help-page-plugin");
const { ProvidePlugin, WebpackError } = require("webpack");

const DEV_URL = "https://localhost:3000/";
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const OFFICE_JS_LOCAL = "office-js/office.js";
const OFFICE_JS_DIST = path.resolve(__dirname, "node_modules/@microsoft/office-js/dist");
const EXCELJS_LIB = path.dirname(require.resolve("exceljs/lib/exceljs.bare.js"));

/**
 * The browser's download path writes .xlsx files and never reads one: ExcelJS is bundled from its own
 * sources (lib/, its polyfill-free entry) with what only reading or CSV needs left out as empty modules.
 * Its prebuilt browser file carries all of it (the SAX parser, fast-csv, dayjs, a second JSZip):
 * 231 KB gzip alone, against about 100 KB for this chunk with JSZip (`npm run bench` measures both).
 * A Workbook here can still be built and written (xlsx.writeBuffer); wb.xlsx.load and wb.csv cannot run.
 */
const EXCELJS_WRITER_ONLY = {
  exceljs$: path.join(EXCELJS_LIB, "exceljs.bare.js"),
  // Reading: the SAX parser that xforms use to parse a file, and the CSV reader and writer (fast-csv, dayjs).
  [path.join(EXCELJS_LIB, "utils", "parse-sax")]: false,
  [path.join(EXCELJS_LIB, "csv", "csv")]: false,
  saxes: false,
};

/**
 * Checks and normalises ADDIN_URL: an absolute https URL without query or fragment, ending with "/".
 * Returns undefined when unset; throws an Error with a clear message otherwise.
 */
function normaliseAddinUrl(value) {
  if (value === undefined || value.trim() === "") return undefined;
  const raw = value.trim();
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`ADDIN_URL must be an absolute https:// URL such as https://addin.example.com/, got "${raw}".`);
  }
  if (url.protocol !== "https:") {
    throw new Error(
      `ADDIN_URL must use https:// (Office loads add-ins only over HTTPS), got "${raw}". ` + "Example: ADDIN_URL=https://addin.example.com/ npm run build",
    );
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new Error(`ADDIN_URL must be a plain base URL without credentials, query or fragment, got "${raw}".`);
  }
  let href = url.href;
  if (!href.endsWith("/")) href += "/";
  if (/[<>"'&\s]/.test(href)) {
    throw new Error(`ADDIN_URL contains characters that cannot appear in the manifest: "${raw}".`);
  }
  return href;
}

/** Rewrites every https://localhost:3000/ URL of the manifest to `baseUrl`; fails if any localhost URL remains. */
function rewriteManifest(xml, baseUrl) {
  const rewritten = xml.split(DEV_URL).join(baseUrl);
  const left = rewritten.match(/https?:\/\/(localhost|127\.0\.0\.1)[^"'<\s]*/i);
  if (left) {
    throw new Error(`manifest.xml still refers to ${left[0]} after rewriting to ${baseUrl}.`);
  }
  return rewritten;
}

function officeJsMode(env) {
  const mode = (env.officeJs || process.env.OFFICE_JS || "cdn").toLowerCase();
  if (mode !== "cdn" && mode !== "local") {
    throw new Error(`OFFICE_JS must be "cdn" (default) or "local", got "${mode}".`);
  }
  return mode;
}

/**
 * Checks that the generated taskpane.html loads office.js from Microsoft's CDN, and with OFFICE_JS=local points that
 * script at the copy in dist/office-js/ instead.
 */
class OfficeJsScriptPlugin {
  constructor(mode) {
    this.mode = mode;
  }

  apply(compiler) {
    compiler.hooks.compilation.tap("OfficeJsScriptPlugin", (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).beforeEmit.tap("OfficeJsScriptPlugin", (data) => {
        // After an earlier error the HTML is html-webpack-plugin's error page: report nothing more.
        if (compilation.errors.length > 0) return data;
        // The HTML may already be minified here (unquoted attributes).
        const tag = new RegExp(`<script[^>]*\\ssrc=["']?${OFFICE_JS_CDN.replace(/[.]/g, "\\.")}["'\\s>]`, "g");
        const found = data.html.match(tag);
        if (!found || found.length !== 1) {
          compilation.errors.push(
            new WebpackError(
              `${data.outputName}: the template must contain exactly one ` + `<script src="${OFFICE_JS_CDN}"></script> (found ${found ? found.length : 0}).`,
            ),
          );
          return data;
        }
        if (this.mode === "local") {
          data.html = data.html.split(OFFICE_JS_CDN).join(OFFICE_JS_LOCAL);
        }
        return data;
      });
    });
  }
}

/**
 * Writes the functions' generated module (scripts/function-wrappers.ts: build/functions/functions.ts,
 * one JSDoc'd declaration per row of src/functions/function-table.ts), the functions bundle's entry
 * and the input of custom-functions-metadata-plugin. Returns its path. Written once, when webpack starts:
 * `npm run watch` and the dev server rebuild on an edit of the table or the catalogue but keep the
 * functions' metadata they started with until they are restarted.
 */
function writeFunctionWrappers() {
  return require("tsx/cjs/api").require("./scripts/function-wrappers.ts", __filename).writeWrappers();
}

/** Resolves the dev server's HTTPS options (see scripts/dev-certs.js); only used by `webpack serve`. */
async function devServerHttps() {
  const { getDevHttpsOptions } = require("./scripts/dev-certs");
  const { key, cert, ca } = await getDevHttpsOptions();
  return ca ? { key, cert, ca } : { key, cert };
}

module.exports = async (env = {}, argv = {}) => {
  const production = argv.mode !== "development";
  const addinUrl = normaliseAddinUrl(process.env.ADDIN_URL);
  const officeJs = officeJsMode(env);
  const outputPath = path.resolve(__dirname, process.env.OUTPUT_DIR || "dist");
  const port = Number(process.env.npm_package_config_dev_server_port || 3000);
  const functionsSource = writeFunctionWrappers();

  const copyPatterns = [
    // As they are: assets/webview-check.js must stay plain ES5 for old webviews (no minifier rewriting it).
    { from: "assets", to: "assets", globOptions: { ignore: ["**/.*"] }, info: { minimized: true } },
    {
      from: "manifest.xml",
      to: "manifest.xml",
      transform: (content) => (addinUrl ? rewriteManifest(content.toString(), addinUrl) : content),
    },
  ];
  if (officeJs === "local") {
    copyPatterns.push({
      from: OFFICE_JS_DIST,
      to: "office-js",
      // Already minified by Microsoft: keep the production minimizer away from 15 MB of scripts.
      info: { minimized: true },
      globOptions: {
        // Only what office.js loads in Excel or a plain browser: no debug builds, typings, or other hosts' files.
        ignore: ["**/*.debug.js", "**/*.d.ts", "**/*vsdoc*", "**/access-*", "**/onenote-*", "**/outlook*", "**/powerpoint*", "**/project-*", "**/word*"],
      },
    });
  }

  return {
    mode: production ? "production" : "development",
    target: ["web", "es2020"],
    // Production ships no source maps and no source contents (issue 15): a hosted add-in is read
    // by anyone who can load it. Development keeps full maps for the debugger.
    devtool: production ? false : "source-map",
    entry: {
      // One page runs both (taskpane.html: the shared runtime), functions first. The taskpane depends
      // on the functions' bundle: one webpack runtime for the page (one Trusted Types policy, which a
      // second runtime could not create again), and the modules both use (the core) loaded once.
      // Chunks load from beside the page: a relative public path spares the bundle the code that
      // works out its own address, which a bundle run outside a page (the bench, Node) cannot.
      functions: { import: functionsSource, publicPath: "" },
      taskpane: { import: "./src/taskpane/taskpane.ts", dependOn: "functions" },
    },
    output: {
      path: outputPath,
      filename: "[name].js",
      // Stylesheets the taskpane adds with new URL(...) keep their source's name, so a reader (and
      // npm run bench) can tell the first-load one from a tab's.
      assetModuleFilename: "[name].[contenthash:8][ext][query]",
      clean: true,
      // The page requires Trusted Types for scripts (taskpane.html's CSP): the runtime loads lazy chunks
      // (script src) and the import worker (new Worker) through this policy, which the CSP names.
      trustedTypes: { policyName: "ai-token-planner" },
      // The runtime's chunk list on globalThis (every browser the add-in supports has it), not `self`:
      // the functions' bundle, which holds the runtime, also runs outside a page (tests, the bench).
      globalObject: "globalThis",
    },
    resolve: {
      ...resolve,
      // The browser's download path: ExcelJS's writer from its sources (EXCELJS_WRITER_ONLY above), without
      // polyfills or reading code. The command line's build (webpack.cli.config.js) keeps the Node entry.
      alias: EXCELJS_WRITER_ONLY,
      // Node's modules ExcelJS's sources name: the file system is never used by writeBuffer, nor crypto
      // (only by worksheet.protect with a password, which the writer never calls); its streams need
      // events and Buffer (the npm packages browserify itself uses).
      fallback: { fs: false, crypto: false, events: require.resolve("events/"), buffer: require.resolve("buffer/") },
    },
    module: {
      rules: [
        typescriptRule,
        {
          test: /\.(png|jpg|jpeg|gif|ico|svg)$/,
          type: "asset/resource",
          generator: { filename: "assets/[name][ext][query]" },
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        input: functionsSource,
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
      }),
      new OfficeJsScriptPlugin(officeJs),
      // Free `Buffer` and `process` (process.nextTick) in ExcelJS and readable-stream, as under Node.
      new ProvidePlugin({ Buffer: ["buffer", "Buffer"], process: "process/browser.js" }),
      // help/functions.html from the functions' JSDoc; with ADDIN_URL, functions.json's help URLs rewritten.
      new HelpPagePlugin({ devUrl: DEV_URL, addinUrl }),
      new CopyWebpackPlugin({ patterns: copyPatterns }),
    ],
    performance: {
      hints: production ? "warning" : false,
      maxAssetSize: 300 * 1024,
      maxEntrypointSize: 300 * 1024,
      assetFilter: (file) => /\.(js|css|html)$/.test(file) && !file.startsWith("office-js/"),
    },
    devServer: {
      static: false,
      host: "localhost",
      port,
      hot: false,
      // The development server only (webpack serve --mode development): Office's sideloading tools fetch
      // from localhost across origins. Production hosting (hosting/) sends no Access-Control-Allow-Origin.
      headers: {
        "Access-Control-Allow-Origin": "*",
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
      server: {
        type: "https",
        options: env.WEBPACK_SERVE ? await devServerHttps() : undefined,
      },
    },
  };
};

module.exports.normaliseAddinUrl = normaliseAddinUrl;
module.exports.rewriteManifest = rewriteManifest;
module.exports.OFFICE_JS_CDN = OFFICE_JS_CDN;
module.exports.DEV_URL = DEV_URL;

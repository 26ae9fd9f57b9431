/*
 * Webpack plugin of the add-in build: emits the functions' help page (help/functions.html and help/help.css,
 * rendered by scripts/function-help.ts from the functions' table through the JSDoc that also makes functions.json, with every example's
 * result computed by the functions), and with ADDIN_URL set rewrites the `@helpurl` links of functions.json
 * from https://localhost:3000/ to that address, as the manifest is rewritten.
 */
"use strict";

const path = require("path");
const { Compilation, WebpackError, sources } = require("webpack");

const PLUGIN = "HelpPagePlugin";

class HelpPagePlugin {
  /**
   * @param {{ devUrl: string, addinUrl?: string, metadata?: string }} options
   *   devUrl: the development base URL of the sources; addinUrl: the production one, or undefined;
   *   metadata: the functions.json asset name.
   */
  constructor(options) {
    this.devUrl = options.devUrl;
    this.addinUrl = options.addinUrl;
    this.metadata = options.metadata || "functions.json";
  }

  apply(compiler) {
    const source = path.resolve(__dirname, "function-help.ts");
    compiler.hooks.thisCompilation.tap(PLUGIN, (compilation) => {
      compilation.fileDependencies.add(path.resolve(__dirname, "../src/functions/function-table.ts"));
      compilation.fileDependencies.add(path.resolve(__dirname, "../src/core/feature-catalogue.ts"));
      compilation.hooks.processAssets.tapPromise({ name: PLUGIN, stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONS }, async () => {
        try {
          // The renderer is TypeScript and calls the functions' sources: loaded through tsx, fresh each build.
          const help = require("tsx/cjs/api").require(source, __filename);
          const pages = help.renderHelpPage(await help.collectHelp());
          compilation.emitAsset(help.HELP_PAGE, new sources.RawSource(pages), { minimized: true });
          compilation.emitAsset(help.HELP_CSS, new sources.RawSource(help.HELP_STYLESHEET), { minimized: true });
        } catch (e) {
          compilation.errors.push(new WebpackError(`help page: ${e instanceof Error ? e.message : String(e)}`));
        }
        if (this.addinUrl) {
          const asset = compilation.getAsset(this.metadata);
          if (!asset) {
            compilation.errors.push(new WebpackError(`help page: ${this.metadata} was not generated, its help URLs cannot be rewritten.`));
            return;
          }
          const json = asset.source.source().toString();
          const rewritten = json.split(this.devUrl).join(this.addinUrl);
          if (/https?:\/\/(localhost|127\.0\.0\.1)/i.test(rewritten)) {
            compilation.errors.push(new WebpackError(`help page: ${this.metadata} still refers to localhost after rewriting to ${this.addinUrl}.`));
          }
          compilation.updateAsset(this.metadata, new sources.RawSource(rewritten));
        }
      });
    });
  }
}

module.exports = { HelpPagePlugin };

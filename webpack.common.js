/* How both builds (the add-in: webpack.config.js; the command line: webpack.cli.config.js) read TypeScript. */
"use strict";

/** Sources are TypeScript; imports may name them with .js. */
const resolve = {
  extensions: [".ts", ".js"],
  extensionAlias: { ".js": [".ts", ".js"] },
};

/** ts-loader only transpiles; `npm run lint` type-checks the whole project. */
const typescriptRule = {
  test: /\.ts$/,
  exclude: /node_modules/,
  use: {
    loader: "ts-loader",
    options: { transpileOnly: true, onlyCompileBundledFiles: true, configFile: "tsconfig.json" },
  },
};

module.exports = { resolve, typescriptRule };

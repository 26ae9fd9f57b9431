/* ESLint flat config: typescript-eslint's recommended rules for src/ and test/, plain CommonJS for the scripts. */
"use strict";

const tseslint = require("typescript-eslint");

const nodeGlobals = Object.fromEntries(
  [
    "require",
    "module",
    "exports",
    "__dirname",
    "__filename",
    "process",
    "console",
    "Buffer",
    "URL",
    "setTimeout",
    "clearTimeout",
    "setInterval",
    "clearInterval",
    "setImmediate",
  ].map((name) => [name, "readonly"]),
);

/**
 * The layers of the house, enforced: per directory of src/, the directories of ours it must never import
 * (relative imports, from the directory or a folder inside it).
 */
const ours = (dirs) => `^(\\.\\./)+(${dirs.join("|")})(/|$)`;
const LAYERS = [
  {
    dir: "core",
    never: ["functions", "sheets", "excel", "xlsx", "taskpane", "cli", "commands", "plan"],
    why: "the core imports nothing of ours",
    extra: ["node:*", "fs", "path", "exceljs"],
  },
  { dir: "sheets", never: ["excel", "xlsx", "taskpane", "cli", "commands", "plan"], why: "sheet models never import a writer, the plan layer or a face" },
  {
    dir: "functions",
    never: ["sheets", "excel", "xlsx", "taskpane", "cli", "commands", "plan"],
    why: "the custom functions never import sheets, writers or the plan layer",
  },
  {
    dir: "excel",
    never: ["taskpane", "xlsx", "cli", "commands", "plan"],
    why: "the Excel writer never imports the taskpane, the plan layer or the other writer",
  },
  { dir: "xlsx", never: ["excel", "taskpane", "cli", "commands", "plan"], why: "the .xlsx writer never imports the Excel writer, the plan layer or a face" },
  { dir: "plan", never: ["excel", "taskpane", "cli", "commands"], why: "the plan layer is face-neutral: it never imports a face or the Excel writer" },
];
const layerRules = LAYERS.map((l) => ({
  files: [`src/${l.dir}/**/*.ts`],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          { regex: ours(l.never), message: `Layer rule: ${l.why} (see README "How it is built").` },
          ...(l.extra ? [{ group: l.extra, message: `Layer rule: ${l.why}; no Node, file system or ExcelJS in the core.` }] : []),
        ],
      },
    ],
  },
}));

module.exports = tseslint.config(
  { ignores: ["dist/**", "build/**", "coverage/**", "node_modules/**", "test-artifacts/**"] },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      eqeqeq: ["error", "always", { null: "ignore" }],
    },
  },
  ...layerRules,
  {
    // Tests may break types on purpose (corrupting a rate card, passing what Excel would pass).
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["**/*.js"],
    languageOptions: { sourceType: "commonjs", ecmaVersion: 2022, globals: nodeGlobals },
    rules: {
      "@typescript-eslint/no-require-imports": "off",
      "no-undef": "error",
      eqeqeq: ["error", "always", { null: "ignore" }],
    },
  },
);

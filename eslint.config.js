/* ESLint flat config: typescript-eslint's recommended rules for src/ and test/, plain CommonJS for the scripts. */
"use strict";

const tseslint = require("typescript-eslint");

const nodeGlobals = Object.fromEntries(
  [
    "require", "module", "exports", "__dirname", "__filename", "process", "console", "Buffer", "URL",
    "setTimeout", "clearTimeout", "setInterval", "clearInterval", "setImmediate",
  ].map((name) => [name, "readonly"]),
);

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

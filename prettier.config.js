/**
 * Prettier: Office add-ins' shared config, with the house's longer lines and trailing commas (what the
 * code is written in), so formatting the codebase once changes layout, not style. `npm run format`
 * writes, `npm run format:check` checks.
 */
"use strict";

module.exports = { ...require("office-addin-prettier-config"), printWidth: 160, trailingComma: "all" };

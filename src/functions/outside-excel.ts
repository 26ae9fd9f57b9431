/**
 * The taskpane page also loads functions.js (shared runtime). Inside Excel, office.js defines
 * CustomFunctions before this bundle runs. Opened in a plain browser, it does not, and the
 * registration calls that custom-functions-metadata-plugin appends to functions.js would throw.
 * A stand-in that registers nothing keeps the page working outside Excel.
 */
const scope = globalThis as { CustomFunctions?: unknown; window?: unknown };
if (typeof scope.CustomFunctions === "undefined" && typeof scope.window !== "undefined") {
  scope.CustomFunctions = { associate: () => undefined };
}

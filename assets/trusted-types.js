/*
 * AI Token Planner: the page's default Trusted Types policy, run first (before office.js). The page's
 * Content-Security-Policy says require-trusted-types-for 'script': where the browser supports Trusted
 * Types (Chromium, so Edge WebView2 and Excel on the web in Edge or Chrome), a string reaches a script
 * sink only through a policy. The add-in's own code has no such sink but the lazy chunks and the import
 * worker that webpack loads, which go through webpack's policy ("ai-token-planner", output.trustedTypes).
 * office.js is Microsoft's code and writes plain strings to script.src (its host files) and innerHTML
 * (its error messages); this policy, "default", is what the browser asks for those:
 *   - a script URL is admitted from the add-in's own origin and from office.js's CDN folder only;
 *   - HTML is admitted only when it holds no markup at all (no "<": text such as a localised message),
 *     so no element, let alone a script, can come from it;
 *   - a string as script (eval, new Function) is never admitted.
 * Anything else is refused: the browser then blocks the sink and reports a securitypolicyviolation.
 * Plain ES5 in a file of its own (no inline script under the CSP; old webviews must parse it).
 */
(function () {
  "use strict";
  var tt = window.trustedTypes;
  if (!tt || typeof tt.createPolicy !== "function") return;
  var OFFICE_JS_FOLDER = "https://appsforoffice.microsoft.com/lib/1/hosted/";
  tt.createPolicy("default", {
    createScriptURL: function (value) {
      var url;
      try {
        url = new URL(value, document.baseURI);
      } catch (e) {
        return null;
      }
      if (url.origin === window.location.origin) return url.href;
      if (url.href.indexOf(OFFICE_JS_FOLDER) === 0 && url.protocol === "https:") return url.href;
      return null;
    },
    createHTML: function (value) {
      return String(value).indexOf("<") === -1 ? value : null;
    },
  });
})();

/*
 * AI Token Planner: runs before the add-in's own scripts, in any webview, so it is plain ES5.
 * Office versions that show add-ins in Internet Explorer 11 (Trident) or the original Microsoft Edge
 * (EdgeHTML) cannot run the add-in's code; nor can any webview that lacks what the code needs. There,
 * instead of a blank pane, this shows the message that taskpane.html carries (#unsupported) and tells
 * the add-in's code not to start (class "unsupported" on <html>). Microsoft's guidance: "Support older
 * Microsoft webviews and Office versions" (learn.microsoft.com/office/dev/add-ins/develop/support-ie-11).
 * A file of its own, not inline: the page's Content-Security-Policy allows no inline script.
 */
(function () {
  "use strict";
  var ua = window.navigator.userAgent;
  var oldWebview = ua.indexOf("Trident/") !== -1 || / Edge\/\d/.test(ua);
  var needs = [
    typeof window.Promise === "function" && typeof window.Promise.prototype["finally"] === "function",
    typeof Array.prototype.flatMap === "function",
    typeof Object.fromEntries === "function",
    typeof window.ResizeObserver === "function",
    typeof window.URL === "function",
  ];
  var missing = false;
  for (var i = 0; i < needs.length; i++) if (!needs[i]) missing = true;
  if (!oldWebview && !missing) return;

  document.documentElement.className += " unsupported";
  function show() {
    var message = document.getElementById("unsupported");
    if (message) message.removeAttribute("hidden");
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", show);
  else show();
})();

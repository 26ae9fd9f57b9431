/*
 * Stand-in for the office-addin-manifest package under jest. office-addin-mock imports only its OfficeApp enum
 * (lib/host.js: Object.values(OfficeApp) to recognise a `host`; lib/officeMockObject.js: OfficeApp.Outlook), so
 * tests need not load the real package and its dependencies. Values are those of office-addin-manifest's
 * lib/officeApp.ts.
 */
"use strict";

const OfficeApp = Object.freeze({
  Excel: "excel",
  OneNote: "onenote",
  Outlook: "outlook",
  PowerPoint: "powerpoint",
  Project: "project",
  Word: "word",
});

module.exports = { OfficeApp };

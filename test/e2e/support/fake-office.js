/*
 * A stand-in for office.js inside Excel, injected into the taskpane page by the e2e tests
 * (page.addInitScript; the real office.js request is answered with an empty script so it cannot
 * replace this). Plain browser JavaScript, no build step.
 *
 *   Office.onReady            answers { host: "Excel", platform: "OfficeOnline" }
 *   Office.context.requirements.isSetSupported   true for every set but options.unsupported
 *                             (default ["ExcelApi 1.11"], the culture info); each question recorded
 *   CustomFunctions.associate records the ids the shared runtime registers, and keeps each function in
 *                             window.__fakeOfficeHandlers.functions (a test calls one as Excel would);
 *                             CustomFunctions.Error and ErrorCode as Excel gives them
 *   Excel.run(batch)          gives the batch a recording RequestContext and returns its result
 *   Office.actions.associate  records the action ids in actions[] and keeps the handlers in
 *                             window.__fakeOfficeHandlers.actions; a test runs one as Office would:
 *                             window.__fakeOfficeHandlers.actions.insertBudget({ completed() {} })
 *   Office.addin.showAsTaskpane / hide   counted in shown / hidden
 *   Office.context.officeTheme  the theme in options.theme (none when unset); options.themeEvents: the
 *                             OfficeThemeChanged handler is kept in window.__fakeOfficeHandlers.theme
 *
 * The RequestContext accepts any property path (a Proxy makes it up on first use) and records every
 * method call, property write and load, with the number of the sync that sends it. Like Office, it
 * answers only three reads, each after a load and a sync: worksheets.items (the scripted sheet
 * names), workbook.protection.protected and isNullObject; any other read of a value throws.
 *
 * Options, set as window.__fakeExcelOptions before this script runs:
 *   sheetNames  the workbook's sheets (default ["Sheet1"])
 *   protected   the workbook structure is protected (default false)
 *   failSync    { "<n>": { code, message } }: the n-th sync (1-based) rejects with an Office-like error
 *   settings    the workbook's document settings as saved in the file ({ name: value }); a "reopened"
 *               workbook is opened with the savedSettings of the last one
 *
 * What happened is in window.__fakeExcel:
 *   runs, syncs, loads[], calls[], sets[], requirements[], associated[], savedSettings (what the last
 *   Office.context.document.settings.saveAsync wrote into the file; null before any save)
 * A call is { path, method, args, batch }; a write { path, prop, value, batch }. A proxy passed as an
 * argument or reached through a call is written as its path, e.g.
 *   workbook.worksheets.add("Token Calculator").getRange("A1:K1")
 */
/* global window */
(function () {
  "use strict";
  var options = window.__fakeExcelOptions || {};
  var log = { runs: 0, syncs: 0, loads: [], calls: [], sets: [], requirements: [], associated: [], actions: [], shown: 0, hidden: 0, savedSettings: null };
  // Handlers are functions, kept apart from the log (which tests copy out of the page as JSON).
  var handlers = { actions: {}, theme: null, functions: {} };
  window.__fakeOfficeHandlers = handlers;
  window.__fakeExcel = log;

  var PROXIES = new WeakMap(); // proxy -> path

  function describe(value) {
    if ((typeof value === "object" || typeof value === "function") && value !== null && PROXIES.has(value)) return { proxy: PROXIES.get(value) };
    if (typeof value === "function") return "[function]";
    try {
      return JSON.parse(JSON.stringify(value === undefined ? null : value));
    } catch {
      return String(value);
    }
  }

  function short(value) {
    var d = describe(value);
    if (d && typeof d === "object" && "proxy" in d) return d.proxy;
    return JSON.stringify(d);
  }

  function newContext() {
    var loaded = {}; // paths whose load was sent by a sync
    var pending = [];
    var syncsHere = 0;
    var batch = function () {
      return syncsHere + 1;
    };

    function readable(path, prop) {
      if (!loaded[path]) {
        var e = new Error(
          "The property '" +
            prop +
            "' is not available. Before reading the property's value, call the load method on the containing object and call \"context.sync()\" on the associated request context.",
        );
        e.code = "PropertyNotLoaded";
        throw e;
      }
    }

    function scripted(path, prop) {
      if (path === "workbook.worksheets" && prop === "items") {
        readable(path, prop);
        return {
          value: (options.sheetNames || ["Sheet1"]).map(function (name) {
            return { name: name };
          }),
        };
      }
      if (path === "workbook.protection" && prop === "protected") {
        readable(path, prop);
        return { value: Boolean(options.protected) };
      }
      if (prop === "isNullObject") {
        readable(path, prop);
        return { value: false };
      }
      return undefined;
    }

    function node(path) {
      var target = function () {};
      var proxy = new Proxy(target, {
        get: function (_t, prop) {
          if (typeof prop === "symbol")
            return prop === Symbol.toPrimitive
              ? function () {
                  return path;
                }
              : undefined;
          if (prop === "then" || prop === "toJSON") return undefined; // not a promise, not JSON
          if (prop === "load") {
            return function (what) {
              log.loads.push({ path: path, what: describe(what), batch: batch() });
              pending.push(path);
              return proxy;
            };
          }
          var answer = scripted(path, prop);
          if (answer) return answer.value;
          return node(path ? path + "." + prop : prop);
        },
        set: function (_t, prop, value) {
          log.sets.push({ path: path, prop: String(prop), value: describe(value), batch: batch() });
          return true;
        },
        apply: function (_t, _this, args) {
          var dot = path.lastIndexOf(".");
          var owner = dot < 0 ? "" : path.slice(0, dot);
          var method = path.slice(dot + 1);
          log.calls.push({ path: owner, method: method, args: args.map(describe), batch: batch() });
          return node(path + "(" + args.map(short).join(", ") + ")");
        },
      });
      PROXIES.set(proxy, path);
      return proxy;
    }

    return {
      workbook: node("workbook"),
      application: node("application"),
      sync: function () {
        syncsHere++;
        log.syncs++;
        var failure = options.failSync && options.failSync[String(syncsHere)];
        var sent = pending;
        pending = [];
        return new Promise(function (resolve, reject) {
          setTimeout(function () {
            if (failure) {
              var e = new Error(failure.message || "The operation failed.");
              e.name = "RichApi.Error";
              e.code = failure.code;
              e.debugInfo = { code: failure.code, message: e.message, errorLocation: failure.errorLocation || "" };
              reject(e);
              return;
            }
            sent.forEach(function (p) {
              loaded[p] = true;
            });
            resolve();
          }, 0);
        });
      },
    };
  }

  var ready = { host: "Excel", platform: "OfficeOnline" };
  window.Office = {
    HostType: { Excel: "Excel", Word: "Word", PowerPoint: "PowerPoint", Outlook: "Outlook", OneNote: "OneNote" },
    PlatformType: { PC: "PC", OfficeOnline: "OfficeOnline", Mac: "Mac" },
    onReady: function (callback) {
      return new Promise(function (resolve) {
        setTimeout(function () {
          if (callback) callback(ready);
          resolve(ready);
        }, 0);
      });
    },
    EventType: { OfficeThemeChanged: "officeThemeChanged" },
    actions: {
      associate: function (id, handler) {
        log.actions.push(id);
        handlers.actions[id] = handler;
      },
    },
    addin: {
      showAsTaskpane: function () {
        log.shown++;
        return Promise.resolve();
      },
      hide: function () {
        log.hidden++;
        return Promise.resolve();
      },
    },
    context: {
      officeTheme: options.theme || undefined,
      document: {
        addHandlerAsync: function (type, handler, callback) {
          var ok = type === "officeThemeChanged" && Boolean(options.themeEvents);
          if (ok) handlers.theme = handler;
          if (callback) callback({ status: ok ? "succeeded" : "failed", error: ok ? null : { message: "not supported" } });
        },
        // Document settings as Office keeps them: a bag in memory, written into the file by saveAsync.
        settings: (function () {
          var bag = JSON.parse(JSON.stringify(options.settings || {}));
          return {
            get: function (name) {
              return Object.prototype.hasOwnProperty.call(bag, name) ? bag[name] : null;
            },
            set: function (name, value) {
              bag[name] = JSON.parse(JSON.stringify(value));
            },
            remove: function (name) {
              delete bag[name];
            },
            saveAsync: function (callback) {
              setTimeout(function () {
                log.savedSettings = JSON.parse(JSON.stringify(bag));
                if (callback) callback({ status: "succeeded" });
              }, 0);
            },
          };
        })(),
      },
      requirements: {
        isSetSupported: function (name, version) {
          log.requirements.push([name, version === undefined ? null : String(version)]);
          // The stand-in has no culture info (options.unsupported, default ExcelApi 1.11): the pane reads the
          // browser's separators, so every Excel.run a test counts is the one it caused.
          return (options.unsupported || ["ExcelApi 1.11"]).indexOf(name + " " + String(version)) < 0;
        },
      },
    },
  };
  function CustomFunctionError(code, message) {
    this.code = code;
    this.message = message;
  }
  window.CustomFunctions = {
    associate: function (id, handler) {
      log.associated.push(id);
      handlers.functions[id] = handler;
    },
    Error: CustomFunctionError,
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!" },
  };
  window.Excel = {
    run: function (batchFn) {
      if (typeof batchFn !== "function") return Promise.reject(new Error("The stand-in Excel.run takes a batch function only."));
      log.runs++;
      var context = newContext();
      return Promise.resolve().then(function () {
        return batchFn(context);
      });
    },
  };
})();

/**
 * The Chromium set-up every browser suite shares: the build (ensureBuild), a server for it and a
 * browser, started before the suite's tests and closed after them with every page and context the
 * suite opened. Call it first thing inside describeWithChromium; a suite's own beforeAll runs after
 * this one, with the browser and server ready.
 */
import type { Browser, BrowserContext } from "playwright-core";
import { launchChromium, openTaskpane, type OpenOptions, type TaskpanePage } from "./browser";
import { ensureBuild, type Build } from "./build";
import { serve, type StaticServer } from "./server";
import { openInExcel, type FakeOptions } from "./stand-in";

export interface ChromiumSuite {
  /** The build, its server and the browser: read them inside tests and hooks, not when the suite is declared. */
  readonly build: Build;
  readonly server: StaticServer;
  readonly browser: Browser;
  /** The taskpane inside the stand-in Excel (support/fake-office.js), closed after the suite. */
  inExcel(options?: FakeOptions): Promise<TaskpanePage>;
  /** The taskpane in a plain browser tab (default: waits until it knows it is outside Excel), closed after the suite. */
  outside(options?: OpenOptions): Promise<TaskpanePage>;
  /** A context of the suite's own (its own viewport, user agent...), closed after the suite. */
  newContext(options?: Parameters<Browser["newContext"]>[0]): Promise<BrowserContext>;
}

/** Building the add-in can take minutes on a loaded machine; the tests' own timeouts stay short. */
const SETUP_MS = 300_000;

export function chromiumSuite(): ChromiumSuite {
  let ready: { build: Build; server: StaticServer; browser: Browser } | undefined;
  const closing: { close(): Promise<unknown> }[] = [];
  const get = () => {
    if (!ready) throw new Error("The Chromium suite is not set up yet: use it inside a test or hook.");
    return ready;
  };
  const kept = <T extends { close(): Promise<unknown> }>(x: T): T => {
    closing.push(x);
    return x;
  };

  beforeAll(async () => {
    const started = Date.now();
    const build = await ensureBuild();
    const [server, browser] = await Promise.all([serve(build.dir), launchChromium()]);
    ready = { build, server, browser };
    console.log(`e2e: build ${build.how} in ${build.ms} ms (${build.dir}), ready after ${Date.now() - started} ms`);
  }, SETUP_MS);

  afterAll(async () => {
    await Promise.all(closing.map((x) => x.close().catch(() => undefined)));
    await ready?.browser.close();
    await ready?.server.close();
  });

  return {
    get build() {
      return get().build;
    },
    get server() {
      return get().server;
    },
    get browser() {
      return get().browser;
    },
    inExcel: async (options = {}) => kept(await openInExcel(get().browser, get().server, options)),
    outside: async (options = {}) => kept(await openTaskpane(get().browser, get().server, { host: "outside", ...options })),
    newContext: async (options) => kept(await get().browser.newContext(options)),
  };
}

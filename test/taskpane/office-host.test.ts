import { watchHost } from "../../src/taskpane/office-host";
import type { HostState } from "../../src/taskpane/view-model";

type Info = { host: unknown; platform: unknown };
const g = globalThis as { Office?: unknown };

afterEach(() => {
  delete g.Office;
  jest.useRealTimers();
});

const watch = (patience = 3000): HostState[] => {
  const seen: HostState[] = [];
  watchHost((s) => seen.push(s), patience);
  return seen;
};

describe("is the taskpane inside Excel?", () => {
  test("office.js did not load: outside at once", () => {
    expect(watch()).toEqual(["outside"]);
  });

  test("Office without onReady (a stub, an old office.js): outside", () => {
    g.Office = {};
    expect(watch()).toEqual(["outside"]);
  });

  test("onReady answers Excel", () => {
    g.Office = { HostType: { Excel: "Excel" }, onReady: (cb: (i: Info) => void) => cb({ host: "Excel", platform: "OfficeOnline" }) };
    expect(watch()).toEqual(["excel"]);
  });

  test("a plain browser: onReady answers with no host", () => {
    g.Office = { onReady: (cb: (i: Info) => void) => cb({ host: null, platform: null }) };
    expect(watch()).toEqual(["outside"]);
  });

  test("another Office application is not Excel", () => {
    g.Office = { HostType: { Excel: "Excel" }, onReady: (cb: (i: Info) => void) => cb({ host: "Word", platform: "PC" }) };
    expect(watch()).toEqual(["outside"]);
  });

  test("onReady throws: outside", () => {
    g.Office = {
      onReady: () => {
        throw new Error("boom");
      },
    };
    expect(watch()).toEqual(["outside"]);
  });

  test("onReady rejects: outside, once", async () => {
    jest.useFakeTimers();
    g.Office = { onReady: () => Promise.reject(new Error("no host")) };
    const seen = watch(3000);
    await Promise.resolve();
    await Promise.resolve();
    jest.advanceTimersByTime(5000);
    expect(seen).toEqual(["outside"]);
  });

  test("onReady never answers: outside after the patience, and a late Excel answer still counts", () => {
    jest.useFakeTimers();
    let answer: ((i: Info) => void) | undefined;
    g.Office = { onReady: (cb: (i: Info) => void) => void (answer = cb) };
    const seen = watch(3000);
    expect(seen).toEqual([]);
    jest.advanceTimersByTime(3000);
    expect(seen).toEqual(["outside"]);
    answer?.({ host: "Excel", platform: "PC" });
    expect(seen).toEqual(["outside", "excel"]);
  });
});

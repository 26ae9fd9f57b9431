/**
 * An Excel workbook mocked with office-addin-mock (OfficeMockObject): existing sheets, the
 * worksheet collection, the new sheet with its ranges, names, charts and notes. Property writes
 * land on the mock objects; methods are functions in the mock data that record their arguments;
 * `load` and `sync` are the mock's own, so a property read before load + sync reads as an error.
 *
 * Two things office-addin-mock cannot do are bridged here, and only here:
 * - it cannot load "items/name" (it navigates objects, and `items` is an array), so the worksheet
 *   collection's `load` is a function that loads `items` the mock's way;
 * - objects returned by methods are outside the context's tree and would never be synced, so the
 *   sheet that worksheets.add returns is created up front inside the tree (`worksheets.newSheet`),
 *   so loading its `isNullObject` during cleanup works like the real thing.
 */
import { OfficeMockObject } from "office-addin-mock";

export interface ExistingSheet {
  readonly name: string;
  readonly delete: jest.Mock;
  readonly activate: jest.Mock;
  readonly getRange: jest.Mock;
}

export interface RangeRecord {
  readonly address: string;
  /** True when made by getRanges (a RangeAreas of several ranges). */
  readonly areas: boolean;
  readonly mock: any;
}

export interface MockWorkbookOptions {
  readonly sheets?: readonly string[];
  readonly protected?: boolean;
  /** Makes the n-th context.sync() (1-based) reject with this error. */
  readonly failSync?: Readonly<Record<number, unknown>>;
  /** When false, the sheet is not in the workbook after a failed batch (Excel refused the add itself). */
  readonly addTakesEffect?: boolean;
}

export interface MockWorkbook {
  /** The Excel namespace: `run` calls its callback with `context`; assign it to globalThis.Excel. */
  readonly excel: any;
  readonly context: Excel.RequestContext;
  readonly existing: readonly ExistingSheet[];
  /** The sheet worksheets.add returns (office-addin-mock object). */
  readonly newSheet: any;
  /** Every range the writer asked the new sheet for, in order. */
  readonly ranges: RangeRecord[];
  /** Method calls and syncs, in order, e.g. "sync", "add(Token Calculator (2))", "suspendApiCalculationUntilNextSync". */
  readonly log: string[];
  readonly loads: unknown[];
  syncs(): number;
  /** The ranges with this exact address. */
  rangesAt(address: string): any[];
  /** The address of a range mock handed out by getRange/getRanges. */
  addressOf(range: unknown): string | undefined;
}

export function mockWorkbook(options: MockWorkbookOptions = {}): MockWorkbook {
  const log: string[] = [];
  const loads: unknown[] = [];
  const ranges: RangeRecord[] = [];
  const addresses = new WeakMap<object, string>();
  const existing: ExistingSheet[] = (options.sheets ?? ["Token Calculator", "Sheet1"]).map((name) =>
    Object.freeze({ name, delete: jest.fn(), activate: jest.fn(), getRange: jest.fn() }),
  );
  let addedName: string | undefined;

  const makeRange = (address: string, areas: boolean) => {
    const mock = new OfficeMockObject({
      format: { font: {}, fill: {} },
      dataValidation: {},
      conditionalFormats: {
        add: jest.fn(function (type: string) {
          log.push(`conditionalFormats.add(${type})`);
          return new OfficeMockObject({ custom: { rule: {}, format: { fill: {}, font: {} } } });
        }),
      },
      merge: jest.fn(() => log.push(`merge(${address})`)),
    });
    addresses.set(mock, address);
    ranges.push({ address, areas, mock });
    return mock;
  };

  const makeSeries = () => new OfficeMockObject({ setValues: jest.fn(), setXAxisValues: jest.fn() });

  const excel = new OfficeMockObject({
    context: {
      workbook: {
        protection: { protected: options.protected ?? false },
        worksheets: {
          items: existing,
          load: function (this: OfficeMockObject, what: unknown) {
            loads.push(what);
            return OfficeMockObject.prototype.load.call(this, "items");
          },
          add: jest.fn(function (this: any, name: string) {
            log.push(`add(${name})`);
            if (options.addTakesEffect ?? true) addedName = name;
            return this.newSheet;
          }),
          getItemOrNullObject: jest.fn(function (this: any, name: string) {
            log.push(`getItemOrNullObject(${name})`);
            return name === addedName ? this.newSheet : this.nullSheet;
          }),
          nullSheet: { isNullObject: true, delete: jest.fn() },
          newSheet: {
            isNullObject: false,
            names: { add: jest.fn((name: string) => log.push(`names.add(${name})`)) },
            charts: {
              add: jest.fn((type: string) => {
                log.push(`charts.add(${type})`);
                return new OfficeMockObject({
                  title: {},
                  setPosition: jest.fn(),
                  series: { getItemAt: jest.fn(makeSeries), add: jest.fn(makeSeries) },
                });
              }),
            },
            notes: { add: jest.fn(() => log.push("notes.add")) },
            freezePanes: { freezeAt: jest.fn(), freezeRows: jest.fn(), freezeColumns: jest.fn() },
            pageLayout: {
              setPrintArea: jest.fn(),
              setPrintTitleRows: jest.fn(),
              setPrintTitleColumns: jest.fn(),
              headersFooters: { defaultForAllPages: {} },
            },
            getRange: jest.fn((address: string) => makeRange(address, false)),
            getRanges: jest.fn((address: string) => makeRange(address, true)),
            activate: jest.fn(() => log.push("activate")),
            delete: jest.fn(() => log.push("delete")),
          },
        },
      },
      application: {
        suspendApiCalculationUntilNextSync: jest.fn(() => log.push("suspendApiCalculationUntilNextSync")),
        suspendScreenUpdatingUntilNextSync: jest.fn(() => log.push("suspendScreenUpdatingUntilNextSync")),
      },
    },
    run: async function (this: any, batch: (context: unknown) => Promise<unknown>) {
      return batch(this.context);
    },
  });

  const context = excel.context;
  const mockSync = context.sync.bind(context);
  let syncs = 0;
  context.sync = jest.fn(async () => {
    syncs++;
    log.push("sync");
    const failure = options.failSync?.[syncs];
    if (failure !== undefined) throw failure;
    await mockSync();
  });

  return {
    excel,
    context: context as Excel.RequestContext,
    existing,
    newSheet: context.workbook.worksheets.newSheet,
    ranges,
    log,
    loads,
    syncs: () => syncs,
    rangesAt: (address) => ranges.filter((r) => r.address === address).map((r) => r.mock),
    addressOf: (range) => (typeof range === "object" && range !== null ? addresses.get(range) : undefined),
  };
}

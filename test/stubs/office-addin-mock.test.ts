/* office-addin-mock loads under jest (with the office-addin-manifest stub) and mocks an Excel context. */
import { OfficeMockObject } from "office-addin-mock";

describe("office-addin-mock under jest", () => {
  it("loads and syncs a mocked Excel range", async () => {
    const data = {
      context: {
        workbook: {
          range: { address: "B2", values: [[42]] },
          getSelectedRange: function () {
            return this.range;
          },
        },
      },
      run: async function (callback: (context: unknown) => Promise<void>) {
        await callback(this.context);
      },
    };
    const excelMock = new OfficeMockObject(data);

    let address: unknown;
    await excelMock.run(async (context: { workbook: OfficeMockObject; sync(): Promise<void> }) => {
      const range = context.workbook.getSelectedRange();
      range.load("address");
      await context.sync();
      address = range.address;
    });

    expect(address).toBe("B2");
  });

  it("hides a property until it is loaded and synced", async () => {
    const excelMock = new OfficeMockObject({ workbook: { name: "Budget.xlsx" } });
    expect(String(excelMock.workbook.name)).toMatch(/not loaded/);
    excelMock.workbook.load("name");
    await excelMock.sync();
    expect(excelMock.workbook.name).toBe("Budget.xlsx");
  });

  it("uses the stubbed office-addin-manifest", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const manifest = require("office-addin-manifest") as { OfficeApp: Record<string, string> };
    expect(manifest.OfficeApp.Excel).toBe("excel");
    expect(require.resolve("office-addin-manifest")).toMatch(/test[\\/]stubs[\\/]office-addin-manifest\.js$/);
  });
});

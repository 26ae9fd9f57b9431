/**
 * How much the writer sends to Excel, counted on a recording fake context: syncs and queued
 * operations do not grow with the number of cells of a regular sheet.
 */
import { writeSheet } from "../../src/excel/writer";
import { bigModel, smallModel } from "./models";
import { recordingContext } from "./recording-context";

describe("queued operations", () => {
  it("reads in the first sync and writes in the second", async () => {
    const rec = recordingContext();
    const result = await writeSheet(rec.context, smallModel());
    expect(result.syncs).toBe(2);
    expect(rec.syncs()).toBe(2);
    const first = rec.ops.filter((o) => o.batch === 1);
    expect(first.map((o) => `${o.kind} ${o.path}`)).toEqual(["load workbook.worksheets", "load workbook.protection"]);
    expect(rec.ops.filter((o) => o.batch === 2 && o.kind === "load")).toEqual([]);
  });

  it("queues about as many operations for 500 x 14 cells as for 10 rows of 14", async () => {
    const count = async (rows: number) => {
      const rec = recordingContext();
      await writeSheet(rec.context, bigModel(rows, 14));
      return rec.opsPerSync();
    };
    const [small, big] = [await count(10), await count(500)];
    expect(big).toEqual(small);
    expect(big[1]).toBeLessThan(60);
  });

  it("writes each block's cells in one assignment per property", async () => {
    const rec = recordingContext();
    await writeSheet(rec.context, bigModel(500, 14));
    const writes = rec.ops.filter((o) => o.kind === "set" && /\.(formulas|numberFormat)$/.test(o.path));
    expect(writes).toHaveLength(2);
    expect((writes.find((w) => w.path.endsWith("formulas"))?.value as unknown[][]).length).toBe(500);
  });

  it("reads nothing before it is loaded and synced", async () => {
    const rec = recordingContext({ sheetNames: ["Token Calculator", "Token Calculator (2)"] });
    const { sheetName } = await writeSheet(rec.context, smallModel());
    expect(sheetName).toBe("Token Calculator (3)");
  });
});

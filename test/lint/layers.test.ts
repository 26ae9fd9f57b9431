/**
 * The layer rules of eslint.config.js fail lint when a file imports across a layer it must not:
 * each violating import, placed in a file of the layer, is reported by no-restricted-imports, and the
 * allowed direction is not.
 */
import { Linter } from "eslint";
import { resolve } from "node:path";

const ROOT = resolve(__dirname, "../..");
// The project's own flat config, as `npm run lint` uses it (Linter: no dynamic import of the config file).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require(resolve(ROOT, "eslint.config.js")) as Linter.Config[];
const linter = new Linter({ cwd: ROOT, configType: "flat" });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const messages = linter.verify(code, config, resolve(ROOT, filePath));
  return messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("lint enforces the layers", () => {
  test.each([
    ["src/core/fake.ts", 'import { x } from "../sheets/model";', "core imports nothing of ours"],
    ["src/core/cards/fake.ts", 'import { x } from "../../functions/coerce";', "core imports nothing of ours"],
    ["src/core/fake.ts", 'import { readFile } from "node:fs/promises";', "no Node, file system"],
    ["src/sheets/fake.ts", 'import { x } from "../excel/writer";', "never import a writer"],
    ["src/sheets/fake.ts", 'import { x } from "../xlsx/write-workbook";', "never import a writer"],
    ["src/functions/fake.ts", 'import { x } from "../sheets/calculator";', "never import sheets, writers"],
    ["src/functions/fake.ts", 'import { x } from "../xlsx/styles";', "never import sheets, writers"],
    ["src/excel/fake.ts", 'import { x } from "../taskpane/form";', "never imports the taskpane"],
    ["src/excel/fake.ts", 'import { x } from "../xlsx/styles";', "the other writer"],
    ["src/xlsx/fake.ts", 'import { x } from "../excel/writer";', "never imports the Excel writer"],
  ])("%s: %s fails", async (file, code, why) => {
    const messages = await restricted(file, `${code}\nexport const y = x;\n`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(why);
  });

  test.each([
    ["src/sheets/fake.ts", 'import { x } from "../core/estimate";'],
    ["src/excel/fake.ts", 'import { x } from "../sheets/model";'],
    ["src/taskpane/fake.ts", 'import { x } from "../excel/writer";'],
    ["src/core/cards/fake.ts", 'import { x } from "../ratecard";'],
  ])("%s: %s is allowed", async (file, code) => {
    expect(await restricted(file, `${code}\nexport const y = x;\n`)).toEqual([]);
  });
});

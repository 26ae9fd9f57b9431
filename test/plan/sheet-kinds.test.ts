/**
 * The registry of sheet kinds: every kind it lists has its parts and its taskpane panel, and every
 * face iterates it (the presets, --sheets, the default sheets of a plan, --help), so no face knows a
 * kind the registry does not, nor misses one it does.
 */
import { join, resolve } from "node:path";
import ts from "typescript";
import { helpText } from "../../src/cli/cli";
import { CALCULATOR_PRESETS, MARCH_2026, type Profile } from "../../src/core";
import { kindOf, SHEET_KIND_DEFINITIONS } from "../../src/plan/kinds";
import { SHEET_KIND_IDS, SHEET_KINDS, sheetKind } from "../../src/plan/sheet-kinds";
import { buildSheets, defaultSheets, PLAN_PRESETS, resolveSheetKinds } from "../../src/plan/workbook";
import { modelProblems } from "../../src/sheets/validate-model";
import { panelMountName } from "../../src/taskpane/tabs";

// The lazy tabs' loader resolves URLs with webpack's import.meta, which Node's test run cannot load; the tabs' names need none of it.
jest.mock("../../src/taskpane/lazy-tabs", () => ({ lazyMount: () => () => undefined }));

const TODAY = new Date(Date.UTC(2026, 10, 15));

describe("the sheet-kind registry", () => {
  test("every kind has its parts, in the registry's order, and one kind type", () => {
    expect(SHEET_KIND_DEFINITIONS.map((k) => k.id)).toEqual(SHEET_KINDS.map((k) => k.id));
    expect(SHEET_KIND_IDS).toEqual(["calculator", "budget", "dashboard"]);
    for (const id of SHEET_KIND_IDS) {
      const k = kindOf(id);
      expect(k.id).toBe(id);
      expect(k.noun).toBe(sheetKind(id).noun);
      expect(k.sheetName.length).toBeGreaterThan(0);
      expect(k.presets.length).toBeGreaterThan(0);
    }
  });

  test("the presets are every kind's, each building a sheet of its own kind that both writers accept", () => {
    expect(PLAN_PRESETS.map((p) => p.kind)).toEqual(SHEET_KIND_DEFINITIONS.flatMap((k) => k.presets.map(() => k.id)));
    for (const p of PLAN_PRESETS) {
      const [model] = buildSheets(p.plan, resolveSheetKinds([p.kind]), { today: TODAY });
      expect(model.name).toBe(kindOf(p.kind).sheetName);
      expect(modelProblems(model)).toEqual([]);
    }
  });

  test("--sheets, --help and the default sheets iterate the registry", () => {
    expect(resolveSheetKinds(SHEET_KIND_IDS.map((id) => id.toUpperCase())).map((k) => k.id)).toEqual(SHEET_KIND_IDS);
    const help = helpText();
    for (const k of SHEET_KINDS) expect(help).toContain(`${k.id.padEnd(12)} ${k.label}`);
    const profile: Profile = CALCULATOR_PRESETS[0].profile;
    // A kind without a section reads the profile: always; one with a section: when the plan has it, or a usage export asks for it.
    expect(defaultSheets({ profile }, false)).toEqual(SHEET_KIND_DEFINITIONS.filter((k) => !k.section).map((k) => k.id));
    expect(defaultSheets({ profile, dashboard: MARCH_2026 }, false)).toEqual(["calculator", "dashboard"]);
    expect(defaultSheets({ profile }, true)).toEqual(SHEET_KIND_DEFINITIONS.filter((k) => !k.section || k.readsUsage).map((k) => k.id));
  });

  test("a dashboard built alone types its budgets; beside a budget sheet, it reads them from it", () => {
    const dashboard = kindOf("dashboard");
    const linked = { ...MARCH_2026, variance: MARCH_2026.variance!.map((v, k) => ({ ...v, budgetIndex: k })) };
    const alone = JSON.stringify(dashboard.build(linked, "Usage Dashboard", { sheetNames: new Map() }));
    const beside = JSON.stringify(dashboard.build(linked, "Usage Dashboard", { sheetNames: new Map([["budget", "Annual Budget"]]) }));
    expect(alone).not.toContain("'Annual Budget'!");
    expect(beside).toContain("'Annual Budget'!");
  });

  // The taskpane finds a kind's panel by name (src/taskpane/tabs.ts): ./<id>-panel.ts exporting
  // mount<Id>. The panels cannot load under Node (webpack's import.meta URLs), so the compiler
  // checks each kind's: the file, the export, and a signature a tab can mount.
  const TASKPANE = resolve(__dirname, "../../src/taskpane");

  /** The compiler's complaints about a file that assigns each kind's panel mount to a tab's mount. */
  function panelProblems(ids: readonly string[]): string[] {
    const config = ts.getParsedCommandLineOfConfigFile(
      resolve(__dirname, "../../tsconfig.json"),
      { noEmit: true },
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
    )!;
    const probe = join(TASKPANE, "registry-panels.probe.ts");
    const text = [
      'import type { TabDefinition } from "./tabs";',
      ...ids.map((id, i) => `import { ${panelMountName(id)} as m${i} } from "./${id}-panel";\nexport const p${i}: TabDefinition["mount"] = m${i};`),
    ].join("\n");
    const host = ts.createCompilerHost(config.options);
    const getSourceFile = host.getSourceFile;
    host.getSourceFile = (file, ...rest) => (resolve(file) === probe ? ts.createSourceFile(file, text, ts.ScriptTarget.ES2020) : getSourceFile(file, ...rest));
    const fileExists = host.fileExists;
    host.fileExists = (file) => resolve(file) === probe || fileExists(file);
    const program = ts.createProgram([probe], config.options, host);
    return ts.getPreEmitDiagnostics(program, program.getSourceFile(probe)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, " "));
  }

  test("every kind has a taskpane panel the tabs find by its name", () => {
    expect(panelMountName("budget")).toBe("mountBudget");
    expect(panelMountName("usage-review")).toBe("mountUsageReview");
    // One program for the registry's kinds and one kind without a panel: that one alone is refused, so the check bites.
    const problems = panelProblems([...SHEET_KIND_IDS, "no-such-kind"]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/Cannot find module '\.\/no-such-kind-panel'/);
  }, 60_000);
});

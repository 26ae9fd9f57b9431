/** The command line's options: Node's parser over one table, this program's sentences, "did you mean". */
import { CLI_OPTIONS, editDistance, optionHelp, parseArgs, UsageError } from "../../src/cli/args";

describe("options", () => {
  test("values after the option or after =, short forms, flags", () => {
    expect(parseArgs(["--preset", "small", "-o", "a.xlsx", "--price=0.85", "-f"])).toEqual({
      preset: "small",
      out: "a.xlsx",
      price: "0.85",
      force: true,
      allowSkipped: false,
      printPlan: false,
      help: false,
      version: false,
    });
    expect(parseArgs(["--out", "-dash.xlsx"])).toMatchObject({ out: "-dash.xlsx" });
    expect(parseArgs(["--print-plan", "--price=-1"])).toMatchObject({ printPlan: true, price: "-1" });
    expect(parseArgs(["-fo", "x.xlsx"])).toMatchObject({ force: true, out: "x.xlsx" });
  });

  test.each([
    [["--force=yes"], "--force takes no value"],
    [["--preset", "--out", "b.xlsx"], "--preset needs a value"],
    [["-o"], "-o needs a value"],
    [["--out", "a.xlsx", "-o", "b.xlsx"], "--out is given more than once"],
    [["b.xlsx"], 'unexpected argument "b.xlsx" (options start with --)'],
    [["--sheet", "budget"], "unknown option --sheet (did you mean --sheets?)"],
    [["--print-plna"], "unknown option --print-plna (did you mean --print-plan?)"],
    [["--prices=2"], "unknown option --prices (did you mean --price?)"],
    [["--colour"], "unknown option --colour"],
    [["-x"], "unknown option -x"],
  ])("%j: %s", (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(new UsageError(message));
  });

  test("edit distance", () => {
    expect([editDistance("sheet", "sheets"), editDistance("kitten", "sitting"), editDistance("", "abc"), editDistance("same", "same")]).toEqual([1, 3, 3, 0]);
  });

  test("--help lists every option of the table once, in its group", () => {
    const lines = (["input", "output", "overrides", "program"] as const).flatMap((g) => optionHelp(g));
    const heads = lines.filter((l) => /^ {2}-/.test(l)).map((l) => /--([a-z-]+)/.exec(l)![1]);
    expect(heads).toEqual(Object.keys(CLI_OPTIONS));
  });
});

/** The command line's options, parsed without side effects. */

export interface CliOptions {
  readonly preset?: string;
  readonly plan?: string;
  readonly out?: string;
  readonly sheets?: string;
  readonly currency?: string;
  readonly price?: string;
  readonly card?: string;
  readonly cardFile?: string;
  readonly printCard?: string;
  readonly usage?: string;
  readonly force: boolean;
  readonly printPlan: boolean;
  readonly help: boolean;
  readonly version: boolean;
}

/** A mistake in how the program was called: shown with a pointer to --help, exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

type ValueOption = "preset" | "plan" | "out" | "sheets" | "currency" | "price" | "card" | "cardFile" | "printCard" | "usage";
type FlagOption = "force" | "printPlan" | "help" | "version";

const VALUE_OPTIONS: Readonly<Record<string, ValueOption>> = {
  "--preset": "preset",
  "--plan": "plan",
  "--out": "out",
  "-o": "out",
  "--sheets": "sheets",
  "--currency": "currency",
  "--price": "price",
  "--card": "card",
  "--card-file": "cardFile",
  "--print-card": "printCard",
  "--usage": "usage",
};

const FLAG_OPTIONS: Readonly<Record<string, FlagOption>> = {
  "--force": "force",
  "-f": "force",
  "--print-plan": "printPlan",
  "--help": "help",
  "-h": "help",
  "--version": "version",
  "-v": "version",
};

/** Parses argv (without node and the script). Throws UsageError naming the offending option. */
export function parseArgs(argv: readonly string[]): CliOptions {
  const values: Partial<Record<ValueOption, string>> = {};
  const flags: Record<FlagOption, boolean> = { force: false, printPlan: false, help: false, version: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const valueKey = VALUE_OPTIONS[name];
    const flagKey = FLAG_OPTIONS[name];
    if (valueKey) {
      let value = inline;
      if (value === undefined) {
        const next = argv[i + 1];
        if (next === undefined || next.startsWith("--")) throw new UsageError(`${name} needs a value`);
        value = next;
        i++;
      }
      if (values[valueKey] !== undefined) throw new UsageError(`${name} is given more than once`);
      values[valueKey] = value;
    } else if (flagKey) {
      if (inline !== undefined) throw new UsageError(`${name} takes no value`);
      flags[flagKey] = true;
    } else if (arg.startsWith("-")) {
      throw new UsageError(`unknown option ${name}`);
    } else {
      throw new UsageError(`unexpected argument "${arg}" (options start with --)`);
    }
  }
  return { ...values, ...flags };
}

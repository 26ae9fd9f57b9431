/**
 * README.md's function reference is what scripts/function-reference.ts renders from the current
 * metadata; when a function or its help changes, this fails until `npm run docs:functions` is run.
 */
import { existsSync, readFileSync } from "fs";
import { currentSection, END, loadMetadata, README, renderFunctionReference, replaceSection, START, syntaxOf } from "../../scripts/function-reference";

test("README.md's function reference is up to date (run `npm run docs:functions` if not)", async () => {
  const expected = renderFunctionReference(await loadMetadata());
  const readme = existsSync(README) ? readFileSync(README, "utf8") : "";
  const section = currentSection(readme);
  if (section !== expected) {
    throw new Error(
      section === undefined
        ? `README.md has no ${START} ... ${END} section: run \`npm run docs:functions\`.`
        : "README.md's function reference differs from the custom functions' metadata: run `npm run docs:functions`.",
    );
  }
});

test("the reference lists every function with its syntax, optional arguments in brackets", async () => {
  const functions = await loadMetadata();
  const section = renderFunctionReference(functions);
  for (const f of functions) expect(section).toContain(`| TOKENS.${f.name} | \`${syntaxOf(f)}\` |`);
  expect(syntaxOf(functions.find((f) => f.id === "CONSUMPTION")!)).toBe("=TOKENS.CONSUMPTION(feature, quantity, [rounding], [card], [level], [model])");
  expect(syntaxOf(functions.find((f) => f.id === "RATES")!)).toBe("=TOKENS.RATES([card], [model])");
});

test("replacing the section keeps the rest of the README", () => {
  const readme = `# Title\n\nIntro.\n\n${START}\nold\n${END}\n\n## More\n`;
  expect(replaceSection(readme, `${START}\nnew\n${END}`)).toBe(`# Title\n\nIntro.\n\n${START}\nnew\n${END}\n\n## More\n`);
  expect(replaceSection("# Title\n", `${START}\nnew\n${END}`)).toBe(`# Title\n\n${START}\nnew\n${END}\n`);
  expect(() => replaceSection(`${END}\n${START}`, "x")).toThrow(/must contain/);
});

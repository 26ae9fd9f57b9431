/**
 * The contract card in the taskpane, inside the stand-in Excel: edited in the pane's editor, stored
 * with the workbook (document settings, saved with saveAsync), offered as the "Contract" card, priced
 * against both shipped cards in money, inserted with its name in the sheet's rates block; and a
 * workbook "reopened" with the saved settings offers the same card.
 */
import type { Page } from "playwright-core";
import { CONTRACT_SETTING } from "../../src/taskpane/contract-store";
import { BY_HAND, CONTRACT_JSON } from "../fixtures/contract-example";
import { describeWithChromium, until } from "./support/browser";
import { fakeLog } from "./support/stand-in";
import { chromiumSuite } from "./support/suite";

jest.setTimeout(60_000);

const text = (page: Page, selector: string) => page.locator(selector).innerText();

describeWithChromium("the contract card in the taskpane", () => {
  const { inExcel } = chromiumSuite();

  /** The hand example's profile typed into the calculator. */
  async function typeProfile(page: Page): Promise<void> {
    await page.fill("#f-users", "30");
    for (const [f, v] of Object.entries({ copilot: "30", virtualagent: "200", voicebot: "100", scoring: "0", messaging: "0" }))
      await page.fill(`#f-volumes-${f}`, v);
  }

  test("edited in the pane, stored with the workbook, and offered again when the workbook is reopened", async () => {
    const tp = await inExcel();
    const { page } = tp;
    await page.click("#contract-toggle");
    await page.fill("#contract-name", CONTRACT_JSON.name);
    await page.fill("#contract-date", CONTRACT_JSON.date);
    await page.fill("#contract-source", CONTRACT_JSON.source);
    await page.fill("#contract-price", "0.85");
    await page.fill("#contract-committed", "1600");
    await page.fill("#contract-rate-copilot-tokens", "45");
    await page.fill("#contract-own-0-id", "email-assist");
    await page.fill("#contract-own-0-name", "AI email drafting");
    await page.fill("#contract-own-0-unit", "email");
    await page.fill("#contract-own-0-tokens", "1");
    await page.fill("#contract-own-0-per", "25");
    await page.click("#contract-save");
    await until(page, `document.getElementById("contract-status").textContent.includes("Stored with this workbook")`);
    expect(await page.locator("#f-card").inputValue()).toBe("contract");
    await typeProfile(page);
    // The hand figures, and the money comparison with both shipped cards.
    await page.locator("#calc-total", { hasText: "9,468" }).waitFor();
    expect(await text(page, "#calc-overage")).toContain("368");
    expect(await text(page, "#calc-annual-cost")).toContain("$3,753.60");
    const money = await text(page, "#calc-contract-money");
    expect(money).toMatch(/Example Corp contract \(at \$0\.85\)\s+9,468\s+368\s+\$3,753\.60/);
    expect(money).toMatch(/Study notes \(list \$1\.00\)\s+9,618\s+2,118\s+\$25,416\.00/);
    expect(money).toMatch(/Genesys published \(list \$1\.00\)\s+3,318\s+3,068\s+\$36,816\.00/);
    // The contract's own feature is a volume field: 5,000 emails a month / 25 = 200 tokens; line 7 adds 300 more.
    await page.fill("#f-ownVolumes-email-assist", String(BY_HAND.emails));
    await page.locator("#calc-total", { hasText: "9,668" }).waitFor();
    await page.fill("#f-otherTokens", "300");
    await page.locator("#calc-total", { hasText: "9,968" }).waitFor();
    expect(await text(page, "#calc-unused")).toBe("0 tokens (0%)");

    const saved = (await fakeLog(page)).savedSettings;
    expect(saved).not.toBeNull();
    const stored = JSON.parse(saved![CONTRACT_SETTING] as string) as Record<string, unknown>;
    expect(stored).toMatchObject({
      name: CONTRACT_JSON.name,
      baseCard: "study-notes",
      pricePerToken: { USD: 0.85 },
      committedTokens: 1600,
      rates: { copilot: { tokens: 45 } },
    });

    // Insert: the rates block carries the contract's name and date.
    await page.click("#calc-insert");
    await until(
      page,
      `document.getElementById("calc-insert").getAttribute("aria-busy") === null && document.getElementById("calc-insert-status").textContent !== ""`,
    );
    const writes = JSON.stringify((await fakeLog(page)).sets.map((s) => s.value));
    expect(writes).toContain(`Rates: ${CONTRACT_JSON.name} card (2026-04)`);
    expect(writes).toContain(`Source: ${CONTRACT_JSON.source}`);

    // The budget tab offers the same card: picked, its own feature typed, the budget inserted with the contract.
    await page.click("#tab-budget");
    await page.waitForSelector("#b-card");
    expect(await page.locator("#b-card option").allInnerTexts()).toContain(`Contract: ${CONTRACT_JSON.name}`);
    expect(await page.locator("#b-ownVolumes-email-assist").count()).toBe(0);
    await page.selectOption("#b-card", "contract");
    await page.locator("#b-ownVolumes-email-assist").waitFor();
    await page.fill("#b-ownVolumes-email-assist", String(BY_HAND.emails));
    expect(await page.inputValue("#b-committedTokens")).toBe(""); // blank: the contract's 1,600
    await page.locator("#b-committed", { hasText: "1,600 a month from the contract card (Example Corp contract)" }).waitFor();
    const before = (await fakeLog(page)).sets.length;
    await page.click("#b-insert");
    await until(
      page,
      `document.getElementById("b-insert").getAttribute("aria-busy") === null && document.getElementById("b-insert-status").textContent !== ""`,
    );
    const budgetWrites = (await fakeLog(page)).sets.slice(before).map((s) => s.value);
    const budgetText = JSON.stringify(budgetWrites);
    expect(budgetText).toContain(`Rates: ${CONTRACT_JSON.name} card (2026-04)`);
    expect(budgetText).toContain(`Source: ${CONTRACT_JSON.source}`);
    expect(budgetText).toContain("contract: Example Corp contract"); // beside the committed tokens
    expect(budgetText).toContain("AI email drafting"); // the own feature's row, with the volume typed
    expect(budgetWrites.flat(Infinity)).toContain(BY_HAND.emails);

    // The dashboard tab offers it too: a blank committed field is the contract's 1,600 a month, named on the sheet.
    await page.click("#tab-dashboard");
    await page.waitForSelector("#d-card");
    expect(await page.locator("#d-card option").allInnerTexts()).toContain(`Contract: ${CONTRACT_JSON.name}`);
    await page.selectOption("#d-card", "contract");
    expect(await page.inputValue("#d-committed")).toBe("");
    await page.locator("#d-committed-hint", { hasText: "1,600 a month from the contract card (Example Corp contract)" }).waitFor();
    const beforeDashboard = (await fakeLog(page)).sets.length;
    await page.click("#d-insert");
    await until(
      page,
      `document.getElementById("d-insert").getAttribute("aria-busy") === null && document.getElementById("d-insert-status").textContent !== ""`,
    );
    const dashboardWrites = (await fakeLog(page)).sets.slice(beforeDashboard).map((s) => s.value);
    expect(JSON.stringify(dashboardWrites)).toContain("contract: Example Corp contract");
    expect(dashboardWrites.flat(Infinity)).toContain(BY_HAND.committed);
    // A typed 0 wins: the hint no longer names the contract.
    await page.fill("#d-committed", "0");
    await until(page, `!document.getElementById("d-committed-hint").textContent.includes("from the contract card")`);
    await page.click("#tab-calculator");

    // Reopened by a colleague: the same card is offered, as it was stored.
    const again = await inExcel({ settings: saved! });
    await until(again.page, `document.getElementById("contract-status").textContent.includes("${CONTRACT_JSON.name}")`);
    const options = await again.page.locator("#f-card option").allInnerTexts();
    expect(options).toContain(`Contract: ${CONTRACT_JSON.name}`);
    await again.page.selectOption("#f-card", "contract");
    await typeProfile(again.page);
    await again.page.locator("#calc-total", { hasText: String(BY_HAND.total).replace(/(\d)(\d{3})$/, "$1,$2") }).waitFor();
    expect(await text(again.page, "#calc-annual-cost")).toContain("$3,753.60");
  });

  test("imported from a JSON file: filled into the editor, stored and offered", async () => {
    const tp = await inExcel();
    const { page } = tp;
    await page.click("#contract-toggle");
    await page.setInputFiles("#contract-file", { name: "contract.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(CONTRACT_JSON)) });
    await until(page, `document.getElementById("contract-status").textContent.includes("Stored with this workbook")`);
    expect(await page.inputValue("#contract-name")).toBe(CONTRACT_JSON.name);
    expect(await page.inputValue("#contract-rate-copilot-tokens")).toBe("45");
    expect(await page.inputValue("#contract-own-0-id")).toBe("email-assist");
    expect(await page.locator("#f-card").inputValue()).toBe("contract");
    const saved = (await fakeLog(page)).savedSettings!;
    expect(JSON.parse(saved[CONTRACT_SETTING] as string)).toEqual(CONTRACT_JSON);
    // A file with a malformed field is refused, naming it; the card in use stays.
    await page.setInputFiles("#contract-file", {
      name: "bad.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify({ ...CONTRACT_JSON, pricePerToken: { XYZ: 1 } })),
    });
    await page.locator("#contract-problems", { hasText: "pricePerToken.XYZ: unknown currency" }).waitFor();
    expect(JSON.parse((await fakeLog(page)).savedSettings![CONTRACT_SETTING] as string)).toEqual(CONTRACT_JSON);
  });

  test("a malformed card is refused with the field named, and nothing is stored", async () => {
    const tp = await inExcel();
    const { page } = tp;
    await page.click("#contract-toggle");
    await page.fill("#contract-name", "Bad");
    await page.fill("#contract-date", "2026-04");
    await page.fill("#contract-source", "Order form");
    await page.fill("#contract-price", "-1");
    await page.click("#contract-save");
    await page.locator("#contract-problems", { hasText: "pricePerToken.USD: must be a number >= 0." }).waitFor();
    expect((await fakeLog(page)).savedSettings).toBeNull();
    expect(await page.locator("#f-card option[value=contract]").count()).toBe(0);
  });
});

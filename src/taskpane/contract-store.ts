/**
 * The contract card stored with the workbook: Office's document settings (a property bag saved
 * inside the file), so a colleague who opens the workbook gets the same card. Guarded for every
 * host that has none (a plain browser, office.js not loaded): then the card lives for the session.
 * No Excel.run here: document settings are Office's common API, read and written by the pane.
 */

/** The settings key the contract card is stored under (its JSON, the core's ContractCard). */
export const CONTRACT_SETTING = "aiTokenPlanner.contractCard";

/** The part of Office.context.document.settings this module uses. */
export interface DocumentSettings {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  remove(name: string): void;
  saveAsync(callback?: (result: { status: unknown; error?: { message?: string } }) => void): void;
}

/** The open workbook's settings, or undefined outside Office. */
export function workbookSettings(): DocumentSettings | undefined {
  const office = (globalThis as { Office?: { context?: { document?: { settings?: DocumentSettings } } } }).Office;
  const settings = office?.context?.document?.settings;
  return settings && typeof settings.get === "function" && typeof settings.saveAsync === "function" ? settings : undefined;
}

/** The contract card stored in the workbook, as parsed JSON; undefined when there is none or it is not JSON. */
export function readStoredContract(settings: DocumentSettings | undefined): unknown {
  const stored = settings?.get(CONTRACT_SETTING);
  if (typeof stored !== "string" || stored === "") return undefined;
  try {
    return JSON.parse(stored) as unknown;
  } catch {
    return undefined;
  }
}

/** Stores a contract card in the workbook and saves the settings; rejects with Office's reason. */
export function storeContract(settings: DocumentSettings, contract: unknown): Promise<void> {
  settings.set(CONTRACT_SETTING, JSON.stringify(contract));
  return new Promise((resolve, reject) => {
    settings.saveAsync((result) => {
      const failed = result && String(result.status).toLowerCase() === "failed";
      if (failed) reject(new Error(result.error?.message ?? "Excel could not save the workbook's settings."));
      else resolve();
    });
  });
}

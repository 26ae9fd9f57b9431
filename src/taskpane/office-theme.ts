/**
 * The pane follows Office's theme: Office.context.officeTheme says which colours Office draws its
 * body with; a dark body gets Fluent 2's dark tokens (taskpane.css, :root[data-theme="dark"]), any
 * other (white, colourful, light grey) the light ones. Where Office raises OfficeThemeChanged, a
 * change of theme repaints the pane at once; otherwise the pane takes the theme it finds when it
 * opens, as Office documents. Outside Office, the browser's light or dark preference. High contrast
 * needs nothing here: forced colours replace the tokens (taskpane.css, @media (forced-colors)).
 */

export type PaneTheme = "light" | "dark";

interface OfficeThemeLike {
  readonly bodyBackgroundColor?: string;
}

interface OfficeLike {
  context?: {
    officeTheme?: OfficeThemeLike;
    document?: { addHandlerAsync?(type: unknown, handler: (args: { officeTheme?: OfficeThemeLike }) => void, callback?: (r: unknown) => void): void };
  };
  EventType?: { OfficeThemeChanged?: unknown };
}

/** Relative luminance (WCAG 2) of a #rgb or #rrggbb colour; undefined when it is not one. */
export function luminance(hex: string): number | undefined {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return undefined;
  const h = m[1].length === 3 ? m[1].replace(/./g, (c) => c + c) : m[1];
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(h.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The pane's theme for Office's body colour: dark when white text would read better on it. */
export function themeFor(officeTheme: OfficeThemeLike | undefined): PaneTheme | undefined {
  const l = officeTheme?.bodyBackgroundColor ? luminance(officeTheme.bodyBackgroundColor) : undefined;
  if (l === undefined) return undefined;
  // Black text on it contrasts (l + 0.05) / 0.05, white text 1.05 / (l + 0.05): equal at l ≈ 0.179.
  return l < 0.179 ? "dark" : "light";
}

export function applyTheme(theme: PaneTheme, root: HTMLElement = document.documentElement): void {
  root.dataset.theme = theme;
}

/** Outside Office (or before it answers): the browser's preference. */
export function followBrowserTheme(root: HTMLElement = document.documentElement): void {
  if (typeof matchMedia !== "function") return;
  const query = matchMedia("(prefers-color-scheme: dark)");
  applyTheme(query.matches ? "dark" : "light", root);
}

/** Inside Office: its theme now, and its changes where Office reports them. Returns the theme applied, if any. */
export function followOfficeTheme(
  office: OfficeLike | undefined = (globalThis as { Office?: OfficeLike }).Office,
  root: HTMLElement = document.documentElement,
): PaneTheme | undefined {
  const theme = themeFor(office?.context?.officeTheme);
  if (theme) applyTheme(theme, root);
  const type = office?.EventType?.OfficeThemeChanged;
  const add = office?.context?.document?.addHandlerAsync;
  if (type !== undefined && typeof add === "function") {
    try {
      add.call(office!.context!.document, type, (args) => {
        const next = themeFor(args?.officeTheme ?? office?.context?.officeTheme);
        if (next) applyTheme(next, root);
      });
    } catch {
      // Not supported by this host: the theme found at opening stays.
    }
  }
  return theme;
}

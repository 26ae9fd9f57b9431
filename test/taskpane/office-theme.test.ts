/** Which of Fluent's themes the pane takes for Office's theme, and following Office's changes. */
import { followOfficeTheme, luminance, themeFor } from "../../src/taskpane/office-theme";

test("Office's dark and black themes give the dark pane; white, colourful and light grey the light one", () => {
  expect(themeFor({ bodyBackgroundColor: "#262626" })).toBe("dark"); // Black
  expect(themeFor({ bodyBackgroundColor: "#444444" })).toBe("dark"); // Dark grey
  expect(themeFor({ bodyBackgroundColor: "#FFFFFF" })).toBe("light"); // White
  expect(themeFor({ bodyBackgroundColor: "#e6e6e6" })).toBe("light"); // Colourful / light grey
  expect(themeFor({ bodyBackgroundColor: "not a colour" })).toBeUndefined();
  expect(themeFor(undefined)).toBeUndefined();
  expect(luminance("#fff")).toBeCloseTo(1, 6);
  expect(luminance("#000000")).toBe(0);
});

test("follows Office's theme now, and its change events where Office raises them", () => {
  const root = { dataset: {} as Record<string, string> } as unknown as HTMLElement;
  let handler: ((args: { officeTheme?: { bodyBackgroundColor: string } }) => void) | undefined;
  const office = {
    EventType: { OfficeThemeChanged: "officeThemeChanged" },
    context: {
      officeTheme: { bodyBackgroundColor: "#ffffff" },
      document: { addHandlerAsync: (_type: unknown, h: typeof handler) => void (handler = h) },
    },
  };
  expect(followOfficeTheme(office, root)).toBe("light");
  expect(root.dataset.theme).toBe("light");
  handler!({ officeTheme: { bodyBackgroundColor: "#262626" } });
  expect(root.dataset.theme).toBe("dark");
  // No theme (an old Office): nothing is changed.
  const bare = { dataset: {} as Record<string, string> } as unknown as HTMLElement;
  expect(followOfficeTheme({}, bare)).toBeUndefined();
  expect(bare.dataset.theme).toBeUndefined();
});

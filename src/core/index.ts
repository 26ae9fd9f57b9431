/** The calculation core: pure TypeScript, no Office, no DOM, no I/O. */
export * from "./errors";
export * from "./rounding";
export * from "./ratecard";
export * from "./currencies";
export * from "./card-registry";
export * from "./cards";
export * from "./planning-rules";
export * from "./consumption";
export * from "./allocation";
export * from "./cost";
export * from "./monitoring";
export * from "./budgeting";
export * from "./estimate";
export * from "./presets";

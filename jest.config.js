/** Jest: TypeScript tests under test/, run by ts-jest with the project's tsconfig. */
"use strict";

/** @type {import('jest').Config} */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["<rootDir>/test/**/*.test.ts"],
  transform: {
    // tsconfig.json sets isolatedModules, so ts-jest transpiles each file alone (fast; `npm run lint` type-checks).
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json" }],
  },
  moduleNameMapper: {
    // office-addin-mock needs only the OfficeApp enum from office-addin-manifest (see the stub).
    "^office-addin-manifest$": "<rootDir>/test/stubs/office-addin-manifest.js",
  },
  // A test that runs the command line or a converter waits on a child process: on a loaded machine
  // that takes seconds. Speed is the bench's to measure (npm run bench), so no test fails on time alone.
  testTimeout: 60_000,
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/dist/", "<rootDir>/build/"],
  // Prints how many cases the property-based tests generated (test/properties/count.ts records them).
  reporters: ["default", "<rootDir>/test/reporters/property-counts.js"],
};

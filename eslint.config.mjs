// ESLint flat config: Next's core-web-vitals rules, typescript-eslint's recommended rules,
// and the dependency direction of docs/decisions/065 as boundaries rules.
// Formatting belongs to Prettier (eslint-config-prettier switches off the rules it owns).
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier";
import boundaries from "eslint-plugin-boundaries";

// The dependency direction (docs/decisions/065): each layer imports only layers below it, or its
// own. Folders of one layer may import each other; scripts/folder-cycles.ts forbids loops.
// Highest first. Every folder and loose module of lib/ is placed exactly once.
const LIB_LAYERS = [
  ["admin", "self-service", "server-start"],
  ["jobs"],
  // The weekly schedule's sync writes slots from the planner in lib/booking (ADR 107).
  ["schedule"],
  ["payments"],
  ["booking"],
  ["email", "meetings", "auth", "rate-limit", "calendars"],
  ["settings"],
  ["audit", "links", "http"],
  ["db"],
  ["log"],
  ["env"],
];
// The floor: pure modules with no server-only imports, safe in a client bundle. components/ may
// import their values; everything else of lib/ reaches a component only as a type.
const CLIENT_SAFE = [
  "lib/errors/**",
  "lib/status/**",
  "lib/meeting-methods.ts",
  "lib/refund-policy.ts",
  "lib/time-zones.ts",
  "lib/format.ts",
  "lib/time-zone-aliases.ts",
  "lib/time-zone-catalog.ts",
  "lib/security/**",
  "lib/booking/detail-limits.ts",
  "lib/booking/schemas.ts",
  "lib/timeout.ts",
];

const libElement = (name) =>
  name.includes(".") || ["server-start", "log", "env"].includes(name)
    ? { type: `lib/${name}`, pattern: `lib/${name}.ts`, mode: "full" }
    : { type: `lib/${name}`, pattern: `lib/${name}/**`, mode: "full" };
const libTypes = LIB_LAYERS.flat().map((name) => `lib/${name}`);
const below = (index) => [
  ...LIB_LAYERS.slice(index)
    .flat()
    .map((name) => `lib/${name}`),
  "client-safe",
];

const boundaryElements = [
  { type: "client-safe", pattern: CLIENT_SAFE, mode: "full" },
  ...LIB_LAYERS.flat().map(libElement),
  { type: "app", pattern: ["app/**", "proxy.ts", "instrumentation.ts"], mode: "full" },
  { type: "scripts", pattern: "scripts/**", mode: "full" },
  { type: "components", pattern: "components/**", mode: "full" },
  { type: "emails", pattern: "emails/**", mode: "full" },
  { type: "tests", pattern: ["tests/**", "bench/**"], mode: "full" },
  // Tool configs at the root import nothing of ours but test infrastructure (the pinned clock).
  { type: "config", pattern: ["*.config.ts", "*.config.mjs", "tools/**"], mode: "full" },
];

const boundaryPolicies = [
  { from: { element: { type: "app" } }, allow: { to: { element: { type: ["app", "components", "emails", ...libTypes, "client-safe"] } } } },
  { from: { element: { type: "scripts" } }, allow: { to: { element: { type: ["scripts", ...libTypes, "client-safe"] } } } },
  ...LIB_LAYERS.flatMap((layer, index) =>
    layer.map((name) => ({
      from: { element: { type: `lib/${name}` } },
      // lib/email renders the templates in emails/.
      allow: { to: { element: { type: [...below(index), ...(name === "email" ? ["emails"] : [])] } } },
    })),
  ),
  { from: { element: { type: "client-safe" } }, allow: { to: { element: { type: "client-safe" } } } },
  { from: { element: { type: "components" } }, allow: { to: { element: { type: ["components", "client-safe"] } } } },
  { from: { element: { type: "components" } }, allow: { to: { element: { type: libTypes } }, dependency: { kind: "type" } } },
  { from: { element: { type: "emails" } }, allow: { to: { element: { type: "emails" } } } },
  { from: { element: { type: "config" } }, allow: { to: { element: { type: "tests" } } } },
];

const config = [
  {
    ignores: [
      "lib/db/generated/**",
      ".next/**",
      ".next-*/**",
      ".data/**",
      "next-env.d.ts",
      "node_modules/**",
      "tools/**/node_modules/**",
      "test-results/**",
      "playwright-report/**",
      "bench/results/**",
      "bench/scratch/**",
    ],
  },
  ...nextVitals,
  ...nextTs,
  prettier,
  {
    rules: {
      // Unused code is an error, not a warning; a leading underscore marks a deliberate unused binding.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/no-unused-expressions": "error",
    },
  },
  {
    files: ["**/*.ts", "**/*.tsx"],
    // Tests sit above everything (they may import any layer), so only production files are checked.
    ignores: ["**/*.test.ts", "**/*.test.tsx", "tests/**", "bench/**"],
    plugins: { boundaries },
    settings: {
      "boundaries/elements": boundaryElements,
      "import/resolver": { typescript: { alwaysTryTypes: true } },
    },
    rules: {
      "boundaries/dependencies": [
        "error",
        {
          default: "disallow",
          checkUnknownLocals: true,
          message: "{{from.type}} may not import {{to.type}}: dependencies point down the layers of docs/decisions/065",
          policies: boundaryPolicies,
        },
      ],
      // Every source file belongs to a layer, so a new folder has to be placed in the order first.
      "boundaries/no-unknown-files": "error",
    },
  },
  {
    // React hooks live in .tsx client components; in .ts files `use…` names are test helpers
    // (useTestDatabase, useFakeStripe) that the hooks rule would misread.
    files: ["**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
];

export default config;

// ESLint flat config: Next's core-web-vitals rules, typescript-eslint's recommended rules,
// and the dependency direction of docs/decisions/065 as boundaries rules.
// Formatting belongs to Prettier (eslint-config-prettier switches off the rules it owns).
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier";

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
    // React hooks live in .tsx client components; in .ts files `use…` names are test helpers
    // (useTestDatabase, useFakeStripe) that the hooks rule would misread.
    files: ["**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
];

export default config;

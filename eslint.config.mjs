import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/**
 * Code that runs in the browser (components, client stores and API wrappers) and the isomorphic folders it
 * uses (contracts, models, validation, canvas) must not import server-only folders: the data layer,
 * storage, providers, jobs, the simulator, the catalog, env, or any use-case module. Types only are fine.
 */
const SERVER_ONLY = [
  "@/lib/db",
  "@/lib/db/*",
  "@/lib/storage",
  "@/lib/storage/*",
  "@/lib/providers",
  "@/lib/providers/*",
  "@/lib/jobs/*",
  "@/lib/simulator",
  "@/lib/simulator/*",
  "@/lib/catalog",
  "@/lib/catalog/*",
  "@/lib/env",
  "@/lib/boot",
  "@/lib/http",
  "@/lib/assets/*",
  "@/lib/generations",
  "@/lib/generations/*",
  "@/lib/projects",
  "@/lib/projects/*",
  "@/lib/export",
  "@/lib/export/*",
  "@/lib/cutout",
  "@/lib/cutout/*",
  "@/lib/cli/*",
  "@/lib/i18n/server",
];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      ".next-*/**",
      "node_modules/**",
      "data/**",
      "output/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
      "lib/db/migrations/**",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    // The data layer is asynchronous (Kysely on SQLite or PostgreSQL): a query that is not awaited runs
    // outside its transaction, or after the answer was sent. Typed rules catch it.
    files: ["app/**/*.{ts,tsx}", "lib/**/*.ts", "tests/**/*.ts", "instrumentation.ts", "proxy.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: false }],
    },
  },
  {
    files: [
      "components/**/*.{ts,tsx}",
      "lib/stores/**/*.ts",
      "lib/client/**/*.ts",
      "lib/contracts/**/*.ts",
      "lib/models/**/*.ts",
      "lib/validation/**/*.ts",
      "lib/canvas/**/*.ts",
    ],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: SERVER_ONLY,
              allowTypeImports: true,
              message:
                "Browser-safe code must not import a server-only module (move shared types/schemas to lib/contracts).",
            },
          ],
        },
      ],
    },
  },
];

export default config;

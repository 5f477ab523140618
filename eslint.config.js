// ESLint for the whole repository (`npm run lint`, part of `npm test`).
// The layer rule (boundaries/dependencies) is the architecture as a check: data flows one way,
// from the pure domain up to the entries, and only src/hosts/ knows host markup and URLs.
// test/unit/eslint.config.test.ts proves a wrong import fails it, for every layer.
import js from "@eslint/js"
import boundaries from "eslint-plugin-boundaries"
import reactHooks from "eslint-plugin-react-hooks"
import globals from "globals"
import tseslint from "typescript-eslint"

/** Every layer, the folder it lives in, and the layers it may import. */
const LAYERS = [
  // Pure TypeScript: no chrome.*, no DOM, no React. Everything may depend on it.
  { type: "domain", pattern: "src/domain/**", allow: [] },
  // The only code that reads Salesforce and Gmail URLs and markup.
  { type: "hosts", pattern: "src/hosts/**", allow: ["domain"] },
  // zod schemas of every message between contexts, and the typed client.
  { type: "messages", pattern: "src/messages/**", allow: ["domain"] },
  // Dexie and chrome.storage (extension origin only; only the background writes). The storage
  // keys views may listen to are part of the message contract.
  { type: "data", pattern: "src/data/**", allow: ["domain", "messages"] },
  // The service worker's handlers: the one writer, the Salesforce client.
  { type: "background", pattern: "src/background/**", allow: ["domain", "messages", "data", "hosts"] },
  // React views and their stores: they ask the background, never open the database. The
  // options preview plans a demo account.
  { type: "ui", pattern: "src/ui/**", allow: ["domain", "messages", "hosts", "demo"] },
  // The bundled demo book of business.
  { type: "demo", pattern: "src/demo/**", allow: ["domain"] },
  // zod's CSP-safe configuration, imported first by every entry.
  { type: "zod-csp", pattern: "src/setup", allow: [] },
  // Thin Plasmo entries.
  { type: "content-entry", pattern: "contents/**", allow: ["ui", "hosts", "zod-csp"] },
  { type: "page-entry", pattern: "{popup,options,tabs}/**", allow: ["ui", "zod-csp"] },
  { type: "worker-entry", pattern: "background/**", allow: ["background", "zod-csp"] },
  // Developer tools: the fake org, the browser harness, the CLI and the bench.
  { type: "tools", pattern: "tools/**", allow: ["domain", "messages", "hosts", "demo", "data"] },
  { type: "cli", pattern: "cli/**", allow: ["domain", "demo", "tools", "messages", "hosts"] },
  { type: "bench", pattern: "bench/**", allow: ["*"] },
  { type: "scripts", pattern: "scripts/**", allow: ["domain"] },
  { type: "test", pattern: "test/**", allow: ["*"] }
]

const ALL_TYPES = LAYERS.map((layer) => layer.type)

export default tseslint.config(
  {
    ignores: ["build/**", ".plasmo/**", "node_modules/**", "demo-output/**", "bench-output/**", "test/fixtures/**"]
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js}"],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.browser, ...globals.node, chrome: "readonly" }
    },
    plugins: { "react-hooks": reactHooks, boundaries },
    settings: {
      "import/resolver": { typescript: { project: "./tsconfig.json" } },
      "boundaries/include": [
        "src/**",
        "contents/**",
        "popup/**",
        "options/**",
        "tabs/**",
        "background/**",
        "tools/**",
        "cli/**",
        "bench/**",
        "scripts/**",
        "test/**"
      ],
      "boundaries/elements": LAYERS.map(({ type, pattern }) => ({ type, pattern, partialMatch: false }))
    },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      "boundaries/dependencies": [
        "error",
        {
          default: "disallow",
          policies: LAYERS.map(({ type, allow }) => ({
            from: { element: { type } },
            allow: { to: { element: { types: { anyOf: allow.includes("*") ? ALL_TYPES : [type, ...allow] } } } }
          }))
        }
      ],
      // A file no layer claims is a new folder the architecture does not know yet.
      "boundaries/no-unknown-files": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true }
      ],
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { fixStyle: "inline-type-imports", disallowTypeAnnotations: false }
      ],
      eqeqeq: ["error", "always", { null: "ignore" }]
    }
  },
  {
    // The domain stays pure: no browser or extension globals.
    files: ["src/domain/**"],
    languageOptions: { globals: { ...globals["shared-node-browser"] } },
    rules: {
      "no-restricted-globals": ["error", "chrome", "document", "window", "navigator", "localStorage", "indexedDB"],
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["react", "react-dom", "plasmo", "@plasmohq/*", "dexie", "zustand"],
              message: "src/domain is pure TypeScript"
            }
          ]
        }
      ]
    }
  },
  {
    // Host markup stays behind the hosts' handles: the UI asks a Compose or a page reader, it
    // never queries a host's selectors itself.
    files: ["src/ui/**", "src/background/**", "src/messages/**", "src/data/**", "contents/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/hosts/*/selectors"],
              message: "only src/hosts/ reads host markup: use its handle (e.g. Compose)"
            }
          ]
        }
      ]
    }
  },
  {
    files: ["test/**", "bench/**", "tools/**", "cli/**"],
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off"
    }
  }
)

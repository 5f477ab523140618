import { readFile } from "node:fs/promises"
import { fileURLToPath } from "node:url"
import { defineConfig, type Plugin } from "vitest/config"

const root = fileURLToPath(new URL(".", import.meta.url))

/**
 * Plasmo's `data-text:` imports (the stylesheets) as their file's text, as the build inlines
 * them. The id gets a `.text` suffix so Vite's CSS handling (which blanks CSS in tests) skips it.
 */
function dataText(): Plugin {
  const prefix = "data-text:"
  const suffix = ".text"
  return {
    name: "plasmo-data-text",
    enforce: "pre",
    async resolveId(source, importer) {
      if (!source.startsWith(prefix)) return null
      const resolved = await this.resolve(source.slice(prefix.length), importer, { skipSelf: true })
      return resolved ? resolved.id + suffix : null
    },
    async load(id) {
      if (!id.endsWith(suffix)) return null
      return `export default ${JSON.stringify(await readFile(id.slice(0, -suffix.length), "utf8"))}`
    }
  }
}

// Two projects: fast unit tests (node, or happy-dom per file via `// @vitest-environment`)
// and end-to-end tests that drive the built extension in Debian's Chromium.
export default defineConfig({
  plugins: [dataText()],
  resolve: { alias: { "~": root } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.{ts,tsx}"],
          environment: "node",
          // Tests must not fail on timing: on two cores shared with builds and Chromium, linting
          // or a property test can take far longer than vitest's 5 s default.
          testTimeout: 60_000
        }
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.e2e.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One Chromium at a time: the machine has two cores.
          fileParallelism: false
        }
      }
    ]
  }
})

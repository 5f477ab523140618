/**
 * `npm run demo`: the plans of the bundled demo book of business as a table (overdue first),
 * then the product itself: the built extension in Chromium on a local fake Salesforce org
 * holding the same accounts (cli/demo-browser.ts).
 *
 *   npm run demo                    table, then the browser: headful with a display, else
 *                                   headless screenshots in demo-output/
 *   npm run demo -- --headed        a visible browser, left open until Ctrl+C
 *   npm run demo -- --headless      screenshots even with a display
 *   npm run demo -- --readme        the README's screenshots, in docs/screenshots/
 *   npm run demo:table              the table only (same as --table-only)
 */
import { todayIn } from "../src/domain/dates"
import { demoBook } from "../src/demo/book"
import { formatBookTable } from "./table"

const USAGE = "usage: npm run demo [-- --table-only | --headed | --headless | --readme]"
const FLAGS = ["--table-only", "--headed", "--headless", "--readme"]

const args = process.argv.slice(2)
const unknown = args.filter((arg) => !FLAGS.includes(arg))
if (unknown.length > 0 || (args.includes("--headed") && args.includes("--headless"))) {
  process.stderr.write(
    `${unknown.length > 0 ? `unknown option ${unknown.join(" ")}\n` : "--headed and --headless exclude each other\n"}${USAGE}\n`
  )
  process.exit(2)
}

const today = todayIn()
process.stdout.write(formatBookTable(demoBook(today), today))

if (!args.includes("--table-only")) {
  // Loaded only now: the table alone needs no browser.
  const { DemoError, ensureBuilt, hasDisplay, runBrowserDemo } = await import("./demo-browser")
  const headed = args.includes("--headed") || (!args.includes("--headless") && hasDisplay())
  try {
    if (args.includes("--readme")) {
      ensureBuilt()
      const { readmeScreenshots } = await import("./demo-readme-shots")
      await readmeScreenshots(today)
    } else await runBrowserDemo({ today, headed })
  } catch (error) {
    const message =
      error instanceof DemoError
        ? error.message
        : error instanceof Error
          ? (error.stack ?? error.message)
          : String(error)
    process.stderr.write(`\nnpm run demo: ${message}\n`)
    process.exit(1)
  }
}

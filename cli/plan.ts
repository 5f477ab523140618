/**
 * `npm run --silent plan -- --today YYYY-MM-DD [--settings team.json] FILE`
 * Prints the plan (or an array of plans for a book of business) as JSON on stdout and exits 0;
 * on bad input prints each offending field's path on stderr, nothing on stdout, and exits 2.
 */
import { readFile } from "node:fs/promises"
import { parseArgs } from "node:util"

import { planBook, readPlanInputs, UsageError } from "./plan-inputs"

const USAGE = "usage: npm run --silent plan -- --today YYYY-MM-DD [--settings team.json] FILE"

async function main(argv: string[]): Promise<number> {
  let args
  try {
    args = parseArgs({
      args: argv,
      options: { today: { type: "string" }, settings: { type: "string" }, help: { type: "boolean", short: "h" } },
      allowPositionals: true
    })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  if (args.values.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  if (args.positionals.length !== 1) throw new UsageError(`expected exactly one facts FILE\n${USAGE}`)
  const inputs = await readPlanInputs({
    factsFile: args.positionals[0] as string,
    settingsFile: args.values.settings,
    today: args.values.today,
    read: (path) => readFile(path, "utf8")
  })
  const plans = planBook(inputs)
  process.stdout.write(`${JSON.stringify(inputs.single ? plans[0] : plans, null, 2)}\n`)
  return 0
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof UsageError ? error.message : String(error)}\n`)
    process.exit(2)
  }
)

import { todayIn } from "../src/domain/dates"
import { buildPlan } from "../src/domain/engine"
import { parseFactsFile, type AccountFacts } from "../src/domain/facts"
import type { Plan } from "../src/domain/plan"
import { DEFAULT_SETTINGS, parseTeamSettings, type TeamSettings } from "../src/domain/settings"
import { describeFieldErrors, isoDate, type IsoDate } from "../src/domain/parse"

/** A problem with what the person gave us: printed as is, exit code 2. */
export class UsageError extends Error {}

export interface PlanInputs {
  accounts: AccountFacts[]
  single: boolean
  settings: TeamSettings
  today: IsoDate
}

async function readJson(path: string, what: string, read: (path: string) => Promise<string>): Promise<unknown> {
  let text: string
  try {
    text = await read(path)
  } catch (error) {
    throw new UsageError(`cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`)
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new UsageError(`${what} ${path} is not valid JSON: ${(error as Error).message}`)
  }
}

/** Reads and validates everything before any plan is made: one bad field stops the whole run. */
export async function readPlanInputs(options: {
  factsFile: string
  settingsFile?: string
  today?: string
  read: (path: string) => Promise<string>
}): Promise<PlanInputs> {
  const today = options.today ?? todayIn()
  if (!isoDate.safeParse(today).success)
    throw new UsageError(`--today: expected a real date as YYYY-MM-DD, got "${today}"`)

  let settings = DEFAULT_SETTINGS
  if (options.settingsFile) {
    const parsed = parseTeamSettings(await readJson(options.settingsFile, "settings file", options.read))
    if (!parsed.ok)
      throw new UsageError(`invalid settings in ${options.settingsFile}:\n${describeFieldErrors(parsed.errors)}`)
    settings = parsed.value
  }

  const facts = parseFactsFile(await readJson(options.factsFile, "facts file", options.read))
  if (!facts.ok)
    throw new UsageError(`invalid account facts in ${options.factsFile}:\n${describeFieldErrors(facts.errors)}`)
  return { accounts: facts.value, single: facts.single === true, settings, today }
}

export function planBook(inputs: PlanInputs): Plan[] {
  return inputs.accounts.map((account) => buildPlan(account, inputs.settings, inputs.today))
}

/**
 * impactPreview1000Ms: `settingsImpact` (src/domain/settings-impact.ts) of one change (survey
 * threshold 1,000 → 800) over a book of 1,000 accounts, in Node: both plans of every account and
 * their comparison, as the options page's preview asks the background for. Goal ≤ 150 ms p95.
 */
import { AccountFacts } from "../src/domain/facts"
import { DEFAULT_SETTINGS, TeamSettings } from "../src/domain/settings"
import { settingsImpact } from "../src/domain/settings-impact"
import type { IsoDate } from "../src/domain/dates"
import { syntheticBook } from "./book"
import { summarize, type Summary } from "./stats"

const GOAL_MS = 150

export interface ImpactReport extends Summary {
  accounts: number
  /** Accounts whose plan the change moves (a check that the change did something). */
  changed: number
  goal: string
  met: boolean
}

export function impactPreview(n: number, today: IsoDate, runs: number): ImpactReport {
  const book = syntheticBook(n, today).map((facts) => AccountFacts.parse(facts))
  const proposed = TeamSettings.parse({
    ...DEFAULT_SETTINGS,
    thresholds: { ...DEFAULT_SETTINGS.thresholds, surveyMrr: 800 }
  })
  const times: number[] = []
  let changed = 0
  for (let run = 0; run < runs + 2; run++) {
    const start = performance.now()
    changed = settingsImpact(book, today, DEFAULT_SETTINGS, proposed).changed
    if (run >= 2) times.push(performance.now() - start)
  }
  const summary = summarize(times)
  return { ...summary, accounts: n, changed, goal: `p95 ≤ ${GOAL_MS} ms`, met: summary.p95 <= GOAL_MS }
}

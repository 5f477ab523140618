/**
 * The team page's state: the team's book as the background answered it (from its cache, planned
 * now), what the lead is looking at (the team, one CSM's accounts, one account), the per-CSM
 * table's sort and the stage / situation filters. The background is the only writer.
 *
 * `createTeamStore()` makes a fresh store; tests give it fake deps.
 */
import { createStore, type StoreApi } from "zustand/vanilla"

import type { Situation, Stage } from "~/src/domain/plan"
import { filterAccounts, teamCsv, type CsmSortKey, type SortDirection, type TeamAccount } from "~/src/domain/team"
import { errorText } from "~/src/domain/text"
import { askAny } from "~/src/messages/settings-client"
import type { TeamView } from "~/src/messages/team-protocol"

import { situationLabel, stageLabel } from "../labels"
import { downloadCsv } from "../download"

export interface TeamDeps {
  ask: typeof askAny
  /** Offers `text` as a file download named `fileName`. */
  download: (fileName: string, text: string) => void
}

export const defaultTeamDeps = (): TeamDeps => ({ ask: askAny, download: downloadCsv })

/** What is shown: the team, one CSM's accounts, or one account. */
export type TeamScreen = { kind: "team" } | { kind: "csm"; csmId: string } | { kind: "account"; accountId: string }

export interface TeamState {
  loading: boolean
  /** A refresh from Salesforce is running. */
  syncing: boolean
  view: TeamView | null
  error: string | null
  screen: TeamScreen
  sort: { key: CsmSortKey; direction: SortDirection }
  stage: Stage | ""
  situation: Situation | ""

  load(): Promise<void>
  refresh(): Promise<void>
  sortBy(key: CsmSortKey): void
  setStage(stage: Stage | ""): void
  setSituation(situation: Situation | ""): void
  show(screen: TeamScreen): void
  /** The accounts of the current screen, filtered: what the CSV holds. */
  shownAccounts(): TeamAccount[]
  exportCsv(): void
}

export type TeamStore = StoreApi<TeamState>

/** `view`: a team's book already at hand (tests, the bench): shown from the first render. */
export function createTeamStore(deps: TeamDeps = defaultTeamDeps(), view: TeamView | null = null): TeamStore {
  return createStore<TeamState>()((set, get) => ({
    loading: view === null,
    syncing: false,
    view,
    error: null,
    screen: { kind: "team" },
    sort: { key: "overdue", direction: "descending" },
    stage: "",
    situation: "",

    async load() {
      try {
        const view = await deps.ask({ name: "team.view" })
        set({ loading: false, view, error: null })
        // Never read yet: read now (the lead opened the page to see the team).
        if (view.state === "never") await get().refresh()
      } catch (error) {
        set({ loading: false, error: errorText(error) })
      }
    },

    async refresh() {
      if (get().syncing) return
      set({ syncing: true })
      try {
        const view = await deps.ask({ name: "team.sync" })
        set({ syncing: false, view, error: null })
      } catch (error) {
        set({ syncing: false, error: errorText(error) })
      }
    },

    sortBy(key) {
      const { sort } = get()
      // The same column again turns the order round; a new one starts with the most first (names A–Z).
      const direction: SortDirection =
        sort.key === key
          ? sort.direction === "ascending"
            ? "descending"
            : "ascending"
          : key === "name" || key === "oldestOverdue"
            ? "ascending"
            : "descending"
      set({ sort: { key, direction } })
    },

    setStage(stage) {
      set({ stage })
    },

    setSituation(situation) {
      set({ situation })
    },

    show(screen) {
      set({ screen })
    },

    shownAccounts() {
      const { view, screen, stage, situation } = get()
      if (!view) return []
      const filtered = filterAccounts(view.accounts, { stage, situation })
      if (screen.kind === "csm") return filtered.filter((a) => a.csmId === screen.csmId)
      if (screen.kind === "account") return view.accounts.filter((a) => a.id === screen.accountId)
      return filtered
    },

    exportCsv() {
      const { view } = get()
      if (!view) return
      const text = teamCsv(get().shownAccounts(), view.members, { stage: stageLabel, situation: situationLabel })
      deps.download(`sop-pilot-team-${view.today}.csv`, text)
    }
  }))
}

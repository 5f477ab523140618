import { useEffect, useState } from "react"

import { onAccountChanged } from "~/src/messages/client"

import { TeamStoreContext } from "../store-context"
import { pageCss } from "../styles"
import { createTeamStore, type TeamStore } from "./store"
import { TeamContent } from "./TeamContent"
import teamCss from "data-text:./team.css"

const TEAM_CSS = pageCss(teamCss)

/** The Team Lead's page: the team's book by CSM, the lead's own queue, filters, CSV. */
export function TeamPage({ store: given }: { store?: TeamStore }) {
  const [store] = useState(() => given ?? createTeamStore())
  useEffect(() => {
    const controller = new AbortController()
    void store.getState().load()
    // Settings or policy changed (every plan may move): ask for the view again, from the cache.
    onAccountChanged((accountId) => {
      if (accountId === "*") void store.getState().load()
    }, controller.signal)
    return () => controller.abort()
  }, [store])
  return (
    <TeamStoreContext.Provider value={store}>
      <style>{TEAM_CSS}</style>
      <TeamContent />
    </TeamStoreContext.Provider>
  )
}

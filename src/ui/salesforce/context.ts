import { createContext, useContext } from "react"
import { useStore } from "zustand"

import type { PanelState, PanelStore } from "./store"

export const PanelStoreContext = createContext<PanelStore | null>(null)

export function usePanelStore(): PanelStore {
  const store = useContext(PanelStoreContext)
  if (!store) throw new Error("usePanel() outside <SalesforcePanel>")
  return store
}

/** Reads one slice of the panel's state; select stable values (no new objects per call). */
export function usePanel<T>(selector: (state: PanelState) => T): T {
  return useStore(usePanelStore(), selector)
}

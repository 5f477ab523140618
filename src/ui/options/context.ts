import { createContext, useContext } from "react"
import { useStore } from "zustand"

import type { OptionsState, OptionsStore } from "./store"

export const OptionsStoreContext = createContext<OptionsStore | null>(null)

export function useOptionsStore(): OptionsStore {
  const store = useContext(OptionsStoreContext)
  if (!store) throw new Error("useOptions() outside <OptionsPage>")
  return store
}

/** One slice of the options state; select stable values (no new objects per call). */
export function useOptions<T>(selector: (state: OptionsState) => T): T {
  return useStore(useOptionsStore(), selector)
}

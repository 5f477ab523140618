import { createContext, useContext } from "react"
import { useStore } from "zustand"

import type { PopupState, PopupStore } from "./store"

export const PopupStoreContext = createContext<PopupStore | null>(null)

/** One slice of the popup's state; select stable values (no new objects per call). */
export function usePopup<T>(selector: (state: PopupState) => T): T {
  const store = useContext(PopupStoreContext)
  if (!store) throw new Error("usePopup() outside <Popup>")
  return useStore(store, selector)
}

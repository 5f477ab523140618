/**
 * How a view's components reach its zustand store: one React context per view (options page,
 * popup, Salesforce panel), each made the same way, so a component outside its view fails loudly.
 */
import { createContext, useContext, type Context } from "react"
import { useStore, type StoreApi } from "zustand"

import type { OptionsState } from "./options/store"
import type { PopupState } from "./popup/store"
import type { PanelState } from "./salesforce/store"
import type { TeamState } from "./team/store"
import type { TodayState } from "./today/store"

function storeContext<S>(hook: string, view: string) {
  const StoreContext: Context<StoreApi<S> | null> = createContext<StoreApi<S> | null>(null)
  function useStoreApi(): StoreApi<S> {
    const store = useContext(StoreContext)
    if (!store) throw new Error(`${hook}() outside <${view}>`)
    return store
  }
  /** One slice of the view's state; select stable values (no new objects per call). */
  function useSlice<T>(selector: (state: S) => T): T {
    return useStore(useStoreApi(), selector)
  }
  return { StoreContext, useStoreApi, useSlice }
}

const options = storeContext<OptionsState>("useOptions", "OptionsPage")
export const OptionsStoreContext = options.StoreContext
export const useOptionsStore = options.useStoreApi
export const useOptions = options.useSlice

const popup = storeContext<PopupState>("usePopup", "Popup")
export const PopupStoreContext = popup.StoreContext
export const usePopup = popup.useSlice

const panel = storeContext<PanelState>("usePanel", "SalesforcePanel")
export const PanelStoreContext = panel.StoreContext
export const usePanelStore = panel.useStoreApi
export const usePanel = panel.useSlice

const team = storeContext<TeamState>("useTeam", "TeamPage")
export const TeamStoreContext = team.StoreContext
export const useTeam = team.useSlice

const today = storeContext<TodayState>("useToday", "Today")
export const TodayStoreContext = today.StoreContext
export const useToday = today.useSlice

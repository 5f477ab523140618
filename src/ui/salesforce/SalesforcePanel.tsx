import { useEffect, useLayoutEffect, useRef, useState } from "react"

import { detectAccount } from "~/src/hosts/salesforce/detect"
import { onAccountChanged } from "~/src/messages/client"

import { PanelStoreContext, usePanel } from "../store-context"
import { PanelErrorBoundary } from "./ErrorBoundary"
import { watchNavigation } from "~/src/hosts/salesforce/navigation"
import { PanelShell } from "./PanelShell"
import { createPanelStore, type PanelStore } from "./store"

export interface SalesforcePanelProps {
  /** A store made by `createPanelStore()` (tests); one is made per panel otherwise. */
  store?: PanelStore
}

/** The page's account into the store (on start and after every navigation). */
function detectInto(store: PanelStore): void {
  try {
    store.getState().setDetected(detectAccount(location.href, document), location.href)
  } catch (error) {
    // detectAccount never throws; a surprise still must not reach the page.
    store
      .getState()
      .setDetected({ status: "not_detected", reason: `Detection failed: ${String(error)}` }, location.href)
  }
}

const primed = new WeakSet<PanelStore>()

/**
 * Starts what the first paint needs as the content script starts, before React's first render:
 * the page's account (with its remembered view) and the collapsed flag. The panel then mounts
 * with them, often already there: the checklist in the first commit.
 */
export function primePanel(store: PanelStore): void {
  primed.add(store)
  void store.getState().loadSettings()
  detectInto(store)
}

/**
 * Wires the panel to the page and the background for as long as it is mounted: detection on
 * start and after every in-app navigation, pushes about the account, the stored settings.
 * Everything stops with one AbortController on unmount.
 */
function usePanelLifecycle(store: PanelStore): void {
  useEffect(() => {
    const controller = new AbortController()
    const { signal } = controller
    if (!primed.has(store)) void store.getState().loadSettings()
    const detect = () => detectInto(store)
    detect()
    watchNavigation(detect, signal)

    try {
      onAccountChanged((accountId, byViewId) => store.getState().accountChanged(accountId, byViewId), signal)
    } catch {
      // Without the runtime (extension reloaded under the page) there are no pushes: fine.
    }
    return () => controller.abort()
  }, [store])
}

/** The SOP Pilot side panel on Salesforce pages. */
export function SalesforcePanel({ store }: SalesforcePanelProps) {
  const [panelStore] = useState(() => store ?? createPanelStore())
  return (
    <PanelErrorBoundary>
      <PanelStoreContext.Provider value={panelStore}>
        <Lifecycle store={panelStore} />
        <PaintMark />
        <PanelShell />
      </PanelStoreContext.Provider>
    </PanelErrorBoundary>
  )
}

function Lifecycle({ store }: { store: PanelStore }) {
  usePanelLifecycle(store)
  return null
}

/**
 * For `npm run bench`: `performance.mark("sop-pilot:panel-painted", { detail: { accountId } })`
 * once per account shown, after the frame that paints its checklist (requestAnimationFrame, then
 * a task). The page's own timeline holds it (same document), beside contents/salesforce.tsx's
 * `sop-pilot:cs-start`.
 */
function PaintMark() {
  const view = usePanel((s) => s.view)
  const marked = useRef<string | null>(null)
  useLayoutEffect(() => {
    if (!view || marked.current === view.accountId) return
    marked.current = view.accountId
    const detail = { accountId: view.accountId, steps: view.plan.steps.length }
    performance.mark("sop-pilot:panel-committed", { detail }) // the DOM holds the checklist; the frame is the browser's
    requestAnimationFrame(() => setTimeout(() => performance.mark("sop-pilot:panel-painted", { detail }), 0))
  }, [view])
  return null
}

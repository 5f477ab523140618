import { useEffect, useRef, useState } from "react"

import { AccountPanel } from "./AccountPanel"
import { useInputGuard } from "../input-guard"
import { usePanelKeyboard } from "../panel-keyboard"
import { usePanel } from "../store-context"
import { NotDetected } from "./NotDetected"
import { reservePageSpace } from "~/src/hosts/salesforce/page-offset"
import { isCsmStep } from "~/src/domain/plan"

/** Width of the expanded panel; the page is narrowed by as much (keep in sync with the CSS). */
export const PANEL_WIDTH = 360
const BODY_ID = "sop-panel-body"

/**
 * The panel's frame: root hooks, collapse/expand, the space it reserves on the page. A page with
 * no Account (Home, a list view) shows only the small tab until the CSM opens it there: the
 * panel does not take 360 px of a page it has nothing for (issue 16, item 8). That choice is for
 * the page only; the remembered collapsed flag is for account pages.
 */
export function PanelShell() {
  const collapsed = usePanel((s) => s.collapsed)
  const target = usePanel((s) => s.target)
  const view = usePanel((s) => s.view)
  const setCollapsed = usePanel((s) => s.setCollapsed)
  const root = useRef<HTMLElement>(null)
  const noAccount = target.kind === "not_detected"
  const [openedWithoutAccount, setOpenedWithoutAccount] = useState(false)
  // Each page without an account starts as the tab again.
  const pageWithoutAccount = noAccount ? `${target.reason}|${location.href}` : ""
  useEffect(() => setOpenedWithoutAccount(false), [pageWithoutAccount])
  const expanded = noAccount ? openedWithoutAccount : collapsed === false
  const shownCollapsed = noAccount ? !openedWithoutAccount : collapsed === true
  const expand = () => (noAccount ? setOpenedWithoutAccount(true) : setCollapsed(false))
  const collapse = () => (noAccount ? setOpenedWithoutAccount(false) : setCollapsed(true))
  // Only a person's clicks and keys reach the handlers below: a page's script-made events stop here.
  useInputGuard(
    root,
    usePanel((s) => s.inputPolicy)
  )
  // Alt+Shift+S opens the panel at the first open step; Escape collapses it and gives the focus back.
  usePanelKeyboard(root, {
    listening: true,
    expanded,
    expand,
    collapse,
    focusTarget: (panel) =>
      panel.querySelector<HTMLElement>(`#${BODY_ID} input[data-step-key]:not(:checked):not(:disabled)`),
    focusAfterCollapse: (panel) => panel.querySelector<HTMLElement>('[data-action="expand-panel"]')
  })
  const overdue = view ? view.plan.steps.filter((step) => isCsmStep(step) && step.status === "overdue").length : 0

  useEffect(() => {
    if (!expanded) return
    return reservePageSpace(document, PANEL_WIDTH)
  }, [expanded])

  const accountId = target.kind === "account" ? target.ref.accountId : ""
  const stage = target.kind === "account" && view && view.accountId === accountId ? view.plan.stage : ""

  return (
    <aside
      ref={root}
      className="sop-panel"
      data-testid="sop-panel"
      data-account-id={accountId}
      data-stage={stage}
      data-collapsed={shownCollapsed ? "true" : "false"}
      aria-label="SOP Pilot"
    >
      {shownCollapsed && (
        <button
          type="button"
          className="sop-tab"
          data-action="expand-panel"
          aria-expanded="false"
          aria-controls={BODY_ID}
          onClick={expand}
          title={noAccount ? "No account on this page: open to choose one" : "Show SOP Pilot"}
        >
          <span className="sop-tab-label">SOP Pilot</span>
          {overdue > 0 && (
            <span className="sop-tab-count" aria-label={`${overdue} overdue`}>
              {overdue}
            </span>
          )}
        </button>
      )}
      <div id={BODY_ID} className="sop-body" hidden={!expanded}>
        <header className="sop-topbar">
          <span className="sop-brand">
            <span className="sop-logo" aria-hidden="true">
              ✓
            </span>
            SOP Pilot
          </span>
          <button
            type="button"
            className="sop-icon-btn"
            aria-expanded={expanded}
            aria-controls={BODY_ID}
            aria-label="Collapse SOP Pilot panel"
            title="Collapse"
            onClick={collapse}
          >
            <span aria-hidden="true">»</span>
          </button>
        </header>
        <div className="sop-content">
          {target.kind === "pending" && <p className="sop-muted">Looking for an account on this page…</p>}
          {target.kind === "not_detected" && <NotDetected reason={target.reason} />}
          {target.kind === "account" && <AccountPanel />}
        </div>
      </div>
    </aside>
  )
}

import { useEffect, useRef } from "react"

import { AccountPanel } from "./AccountPanel"
import { useInputGuard } from "../input-guard"
import { usePanel } from "../store-context"
import { NotDetected } from "./NotDetected"
import { reservePageSpace } from "~/src/hosts/salesforce/page-offset"

/** Width of the expanded panel; the page is narrowed by as much (keep in sync with the CSS). */
export const PANEL_WIDTH = 360
const BODY_ID = "sop-panel-body"

/** The panel's frame: root hooks, collapse/expand, the space it reserves on the page. */
export function PanelShell() {
  const collapsed = usePanel((s) => s.collapsed)
  const target = usePanel((s) => s.target)
  const view = usePanel((s) => s.view)
  const setCollapsed = usePanel((s) => s.setCollapsed)
  const root = useRef<HTMLElement>(null)
  // Only a person's clicks and keys reach the handlers below: a page's script-made events stop here.
  useInputGuard(
    root,
    usePanel((s) => s.inputPolicy)
  )
  const overdue = view ? view.plan.steps.filter((step) => step.status === "overdue").length : 0

  useEffect(() => {
    if (collapsed !== false) return
    return reservePageSpace(document, PANEL_WIDTH)
  }, [collapsed])

  const accountId = target.kind === "account" ? target.ref.accountId : ""
  const stage = target.kind === "account" && view && view.accountId === accountId ? view.plan.stage : ""

  return (
    <aside
      ref={root}
      className="sop-panel"
      data-testid="sop-panel"
      data-account-id={accountId}
      data-stage={stage}
      data-collapsed={collapsed === true ? "true" : "false"}
      aria-label="SOP Pilot"
    >
      {collapsed === true && (
        <button
          type="button"
          className="sop-tab"
          aria-expanded="false"
          aria-controls={BODY_ID}
          onClick={() => setCollapsed(false)}
          title="Show SOP Pilot"
        >
          <span className="sop-tab-label">SOP Pilot</span>
          {overdue > 0 && (
            <span className="sop-tab-count" aria-label={`${overdue} overdue`}>
              {overdue}
            </span>
          )}
        </button>
      )}
      <div id={BODY_ID} className="sop-body" hidden={collapsed !== false}>
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
            aria-expanded={collapsed === false}
            aria-controls={BODY_ID}
            aria-label="Collapse SOP Pilot panel"
            title="Collapse"
            onClick={() => setCollapsed(true)}
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

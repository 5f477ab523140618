import type { ReactNode } from "react"

import { ErrorBoundary } from "../ErrorBoundary"

/** The side panel's crash view keeps the panel's test hooks, with no account. */
export function PanelErrorBoundary({ children }: { children: ReactNode }) {
  return (
    <ErrorBoundary
      label="panel"
      fallback={(error, retry) => (
        <aside className="sop-crash" data-testid="sop-panel" data-account-id="" data-stage="" aria-label="SOP Pilot">
          <div role="alert" data-testid="sop-panel-error">
            <strong>SOP Pilot hit a problem</strong>
            <p>{error.message}</p>
            <button type="button" className="sop-btn" onClick={retry}>
              Try again
            </button>
          </div>
        </aside>
      )}
    >
      {children}
    </ErrorBoundary>
  )
}

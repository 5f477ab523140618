import type { ReactNode } from "react"

import { ErrorBoundary } from "../ErrorBoundary"

/** One boundary per compose panel: a crash in one leaves the others, and Gmail, alone. */
export function ComposePanelBoundary({ children }: { children: ReactNode }) {
  return (
    <ErrorBoundary
      label="compose panel"
      fallback={(error, retry) => (
        <section className="sop-panel sop-tab-crash" data-testid="compose-panel-error" role="alert">
          <span>SOP Pilot hit a problem: {error.message}</span>
          <button type="button" className="sop-link" onClick={retry}>
            Try again
          </button>
        </section>
      )}
    >
      {children}
    </ErrorBoundary>
  )
}

import { Component, type ErrorInfo, type ReactNode } from "react"

interface State {
  error: Error | null
}

/**
 * Keeps a rendering bug inside the panel: the host page never sees it. Shows a small message
 * with a retry instead of the panel.
 */
export class PanelErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null }

  static getDerivedStateFromError(error: Error): State {
    return { error }
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // Logged for support; the CSM sees the message below.
    console.warn("SOP Pilot panel error:", error, info.componentStack)
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children
    return (
      <aside className="sop-crash" data-testid="sop-panel" data-account-id="" data-stage="" aria-label="SOP Pilot">
        <div role="alert" data-testid="sop-panel-error">
          <strong>SOP Pilot hit a problem</strong>
          <p>{this.state.error.message}</p>
          <button type="button" className="sop-btn" onClick={() => this.setState({ error: null })}>
            Try again
          </button>
        </div>
      </aside>
    )
  }
}

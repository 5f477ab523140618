import { Component, type ErrorInfo, type ReactNode } from "react"

interface State {
  error: Error | null
}

/**
 * Keeps a rendering bug inside one compose panel: Gmail, and the other panels, never see it.
 * Shows a small note with a retry instead of the panel.
 */
export class ComposePanelBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null }

  static getDerivedStateFromError(error: Error): State {
    return { error }
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // A warning, not an error: the page's own error reporting must not pick SOP Pilot up.
    console.warn("SOP Pilot compose panel error:", error, info.componentStack)
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children
    return (
      <section className="sp-panel sp-tab-crash" data-testid="compose-panel-error" role="alert">
        <span>SOP Pilot hit a problem: {this.state.error.message}</span>
        <button type="button" className="sp-link" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </section>
    )
  }
}

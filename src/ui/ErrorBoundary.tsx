import { Component, type ErrorInfo, type ReactNode } from "react"

interface Props {
  /** Named in the log line, for support. */
  label: string
  /** What to show instead of the crashed part; `retry` renders the children again. */
  fallback: (error: Error, retry: () => void) => ReactNode
  children: ReactNode
}

interface State {
  error: Error | null
}

/**
 * Keeps a rendering bug inside one SOP Pilot view: the host page (Salesforce, Gmail) and the
 * other panels never see it.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null }

  static getDerivedStateFromError(error: Error): State {
    return { error }
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // A warning, not an error: the page's own error reporting must not pick SOP Pilot up.
    console.warn(`SOP Pilot ${this.props.label} error:`, error, info.componentStack)
  }

  override render(): ReactNode {
    return this.state.error
      ? this.props.fallback(this.state.error, () => this.setState({ error: null }))
      : this.props.children
  }
}

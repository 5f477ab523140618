import type { ReactNode } from "react"

/** An error line inside a compose panel, announced to screen readers. */
export function Alert({ children }: { children: ReactNode }) {
  return (
    <p className="sop-alert" role="alert">
      {children}
    </p>
  )
}

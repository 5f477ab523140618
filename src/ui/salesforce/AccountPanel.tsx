import { startTransition, useEffect, useMemo, useState } from "react"

import { Checklist } from "./Checklist"
import { usePanel } from "../store-context"
import { FactsSection } from "./FactsSection"
import { NoteFormatters } from "./NoteFormatters"
import { stepsWithPending } from "./store"
import { Summary } from "./Summary"
import { TrainingPlan } from "./TrainingPlan"
import { WritesCard } from "./WritesCard"

/** Everything about the account on screen (or the one chosen by hand). */
export function AccountPanel() {
  const target = usePanel((s) => s.target)
  const view = usePanel((s) => s.view)
  const pending = usePanel((s) => s.pending)
  const loadError = usePanel((s) => s.loadError)
  const reload = usePanel((s) => s.reload)
  const unchoose = usePanel((s) => s.unchoose)
  const steps = useMemo(() => (view ? stepsWithPending(view, pending) : []), [view, pending])
  const remembered = usePanel((s) => s.remembered)
  // Painted from memory: the checklist first, the sections below it in a later, interruptible
  // render (they only add height below it: nothing above moves).
  const [restShownFor, setRestShownFor] = useState<typeof view>(null)
  const restShown = !remembered || restShownFor === view
  useEffect(() => {
    if (view && !restShown) startTransition(() => setRestShownFor(view))
  }, [view, restShown])
  if (target.kind !== "account") return null

  return (
    <>
      {target.via === "manual" && (
        <div className="sop-note">
          <span>Chosen by hand: this page shows no Account.</span>
          <button type="button" className="sop-link" onClick={unchoose}>
            Choose another
          </button>
        </div>
      )}
      {loadError && (
        <div className="sop-banner sop-banner-error" role="alert">
          <span>{loadError}</span>
          <button type="button" className="sop-link" onClick={() => void reload(target.via === "page")}>
            Try again
          </button>
        </div>
      )}
      {view ? (
        <>
          <Summary view={view} steps={steps} />
          <WritesCard view={view} />
          {/* Per account: steps checked off here stay in place until the next view. */}
          <Checklist
            key={`${view.org ?? ""}|${view.accountId}`}
            steps={steps}
            today={view.today}
            situations={view.plan.situations}
          />
          {restShown && (
            <>
              {view.plan.trainingPlan.length > 0 && <TrainingPlan view={view} />}
              <FactsSection view={view} />
              <NoteFormatters view={view} />
            </>
          )}
        </>
      ) : (
        !loadError && (
          <div className="sop-card" aria-busy="true">
            <p className="sop-muted">Loading {target.ref.pageName ?? target.ref.accountId}…</p>
          </div>
        )
      )}
    </>
  )
}

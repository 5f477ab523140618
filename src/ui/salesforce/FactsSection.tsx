import { useState } from "react"

import { MANUAL_FACTS, type ManualFact } from "~/src/domain/fact-names"
import type { AccountView, FieldProblemStatus } from "~/src/messages/protocol"

import { plural } from "~/src/domain/text"

import { factValueText } from "../format"
import { factLabel, SOURCE_LABELS } from "../labels"
import { usePanel } from "../store-context"
import { FactForm } from "./FactForm"

/** Facts worth showing: any the merge gave a source, any entered by hand, any Salesforce gave a bad value for. */
function shownFacts(view: AccountView, problems: readonly FieldProblemStatus[]): ManualFact[] {
  return MANUAL_FACTS.filter(
    (fact) =>
      fact !== "name" &&
      (view.sources[fact] !== undefined || view.manual[fact] !== undefined || problems.some((p) => p.fact === fact))
  )
}

/** "Salesforce's MRR__c: must not be negative. Showing the last good value." */
function problemText(problem: FieldProblemStatus): string {
  return `Salesforce's ${problem.field}: ${problem.message}. ${problem.kept ? "Showing the last good value." : "Not used."}`
}

/** What the plan is built from, where each value came from, and the form for the rest. */
export function FactsSection({ view }: { view: AccountView }) {
  // The last Salesforce read's status (a check-off's answer is a cached view without it).
  const problems = (usePanel((s) => s.api) ?? view.api).problems ?? []
  const facts = shownFacts(view, problems)
  // What the record page already shows (read from Salesforce, nothing wrong with it) is folded
  // away (issue 16, item 6); entries, conflicts and problems stay in sight.
  const onPage = (fact: ManualFact) =>
    view.sources[fact] === "salesforce" &&
    view.manual[fact] === undefined &&
    !problems.some((p) => p.fact === fact) &&
    !view.conflicts.some((c) => c.fact === fact)
  const pageFacts = facts.filter(onPage)
  const ownFacts = facts.filter((fact) => !onPage(fact))

  return (
    <section className="sop-card" aria-labelledby="sop-facts-title">
      <h3 id="sop-facts-title">Account facts</h3>
      {view.conflicts.length > 0 && (
        <ul className="sop-conflicts" aria-label="Conflicts between Salesforce and your entries">
          {view.conflicts.map((conflict) => (
            <li key={conflict.fact} className="sop-conflict" data-fact={conflict.fact}>
              <strong>{factLabel(conflict.fact)}:</strong> Salesforce says{" "}
              {factValueText(conflict.fact, conflict.salesforce, view.today)}; you entered{" "}
              {factValueText(conflict.fact, conflict.manual, view.today)} — using the newer (
              {conflict.using === "manual" ? "yours" : "Salesforce"}).
            </li>
          ))}
        </ul>
      )}
      {facts.length === 0 ? (
        <p className="sop-muted">No facts yet: Salesforce has not been read and nothing was entered.</p>
      ) : (
        <>
          {ownFacts.length > 0 && (
            <dl className="sop-facts">
              {ownFacts.map((fact) => (
                <FactRow key={fact} fact={fact} view={view} problems={problems.filter((p) => p.fact === fact)} />
              ))}
            </dl>
          )}
          {pageFacts.length > 0 && (
            <details className="sop-facts-from-salesforce">
              <summary>{plural(pageFacts.length, "fact")} read from Salesforce</summary>
              <dl className="sop-facts">
                {pageFacts.map((fact) => (
                  <FactRow key={fact} fact={fact} view={view} problems={[]} />
                ))}
              </dl>
            </details>
          )}
        </>
      )}
      <FactForm view={view} />
    </section>
  )
}

function FactRow({
  fact,
  view,
  problems
}: {
  fact: ManualFact
  view: AccountView
  problems: readonly FieldProblemStatus[]
}) {
  const setFact = usePanel((s) => s.setFact)
  const busy = usePanel((s) => s.factBusy[fact] === true)
  const error = usePanel((s) => s.factErrors[fact])
  const [failed, setFailed] = useState(false)
  const source = view.sources[fact]
  const manual = view.manual[fact] !== undefined
  return (
    <div className="sop-fact" data-fact={fact} data-source={source ?? ""}>
      <dt>{factLabel(fact)}</dt>
      <dd>
        <span className="sop-fact-value">{factValueText(fact, view.facts[fact], view.today)}</span>
        {source && <span className={`sop-source sop-source-${source}`}>{SOURCE_LABELS[source]}</span>}
        {manual && (
          <button
            type="button"
            className="sop-link sop-clear"
            disabled={busy}
            aria-label={`Clear your entry for ${factLabel(fact)}`}
            onClick={async () => setFailed(!(await setFact(fact, null)))}
          >
            Clear
          </button>
        )}
        {problems.map((problem) => (
          <span key={problem.field} className="sop-fact-problem" data-testid="fact-problem" data-field={problem.field}>
            {problemText(problem)}
          </span>
        ))}
        {failed && error && (
          <span className="sop-error" role="alert">
            {error}
          </span>
        )}
      </dd>
    </div>
  )
}

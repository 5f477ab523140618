import { useEffect, useState } from "react"

import type { PlanStep } from "~/src/domain/plan"
import { PLAYBOOK } from "~/src/domain/playbook"
import { PRODUCT_LABELS } from "~/src/domain/labels"
import { errorText } from "~/src/domain/text"
import type { AccountView } from "~/src/messages/protocol"

import { longDate } from "../format"
import { ROLE_LABELS, situationLabel, stageLabel, STATUS_LABELS } from "../labels"
import { pageCss } from "../styles"
import { askToday } from "../today/store"
import checklistCss from "data-text:./checklist.css"

const CHECKLIST_CSS = pageCss(checklistCss)
const PHASE_OF = new Map<string, string>(PLAYBOOK.map((rule) => [rule.id, rule.phase]))

/** The section a step is printed under: its stage's or situation's checklist, or the Team Lead's check-ins. */
function sectionOf(step: PlanStep): string {
  const phase = PHASE_OF.get(step.rule) ?? ""
  if (phase === "team_lead_checkins") return "Team Lead check-ins"
  return stageLabel(phase) !== phase ? stageLabel(phase) : situationLabel(phase)
}

function sections(steps: readonly PlanStep[]): [string, PlanStep[]][] {
  const bySection = new Map<string, PlanStep[]>()
  for (const step of steps) {
    const name = sectionOf(step)
    bySection.set(name, [...(bySection.get(name) ?? []), step])
  }
  return [...bySection]
}

export type ChecklistLoad = (query: { apiHost: string; accountId: string }) => Promise<AccountView>

const loadFromBackground: ChecklistLoad = (query) => askToday({ name: "today.plan", ...query })

/**
 * One account's plan as a printable checklist (tabs/checklist.html?apiHost=…&accountId=…),
 * modelled on the SOPs' adoption checklist: the account, its stage and products, the training
 * plan, every step of the plan with its rule id, date and a box to tick, and room for the
 * admin's feedback. "Print or save as PDF" is the browser's own print dialog.
 */
export function ChecklistPage({
  search = location.search,
  load = loadFromBackground
}: {
  search?: string
  load?: ChecklistLoad
}) {
  const [state, setState] = useState<{ view: AccountView } | { error: string } | null>(null)
  useEffect(() => {
    const params = new URLSearchParams(search)
    load({ apiHost: params.get("apiHost") ?? "", accountId: params.get("accountId") ?? "" }).then(
      (view) => {
        setState({ view })
        document.title = `${view.name} · SOP checklist`
      },
      (error: unknown) => setState({ error: errorText(error) })
    )
  }, [search, load])

  return (
    <>
      <style>{CHECKLIST_CSS}</style>
      <main className="sop-checklist" data-testid="checklist" aria-busy={state === null || undefined}>
        {state === null ? (
          <p>Loading the plan…</p>
        ) : "error" in state ? (
          <p role="alert">{state.error}</p>
        ) : (
          <Checklist view={state.view} />
        )}
      </main>
    </>
  )
}

function Checklist({ view }: { view: AccountView }) {
  const { plan, today } = view
  const products = Array.isArray(view.facts.products) ? (view.facts.products as string[]) : []
  return (
    <>
      <header className="sop-checklist-head">
        <div>
          <h1>{view.name}</h1>
          <p className="sop-checklist-sub">
            SOP checklist · {stageLabel(plan.stage)} · as of <time dateTime={today}>{longDate(today)}</time>
          </p>
        </div>
        <button type="button" className="sop-btn" data-action="print" onClick={() => window.print()}>
          Print or save as PDF
        </button>
      </header>
      <dl className="sop-checklist-facts">
        <dt>Stage</dt>
        <dd data-testid="checklist-stage">{stageLabel(plan.stage)}</dd>
        <dt>Situations</dt>
        <dd>{plan.situations.length === 0 ? "None" : plan.situations.map(situationLabel).join(", ")}</dd>
        <dt>Products</dt>
        <dd>
          {products.length === 0
            ? "None recorded"
            : products.map((p) => PRODUCT_LABELS[p as keyof typeof PRODUCT_LABELS] ?? p).join(", ")}
        </dd>
        <dt>CSM tier</dt>
        <dd>{plan.derived.csmTier}</dd>
        <dt>Onboarding complete</dt>
        <dd>{plan.derived.onboardingComplete ? longDate(plan.derived.onboardingComplete) : "Not yet"}</dd>
        <dt>Account Id</dt>
        <dd>{view.accountId}</dd>
      </dl>
      {plan.trainingPlan.length > 0 ? (
        <section aria-labelledby="sop-checklist-training">
          <h2 id="sop-checklist-training">Training plan</h2>
          <table className="sop-checklist-table">
            <thead>
              <tr>
                <th scope="col">Session</th>
                <th scope="col">Product</th>
                <th scope="col">Modules</th>
              </tr>
            </thead>
            <tbody>
              {plan.trainingPlan.map((session) => (
                <tr key={session.session}>
                  <td>{session.session}</td>
                  <td>{PRODUCT_LABELS[session.product]}</td>
                  <td>{session.modules.join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {sections(plan.steps).map(([name, steps]) => (
        <section key={name} className="sop-checklist-section" aria-label={name}>
          <h2>{name}</h2>
          <ul className="sop-checklist-steps">
            {steps.map((step) => (
              <li
                key={step.key}
                data-rule={step.rule}
                data-key={step.key}
                data-status={step.status}
                data-due={step.due ?? ""}
              >
                <span className="sop-checklist-box" aria-hidden="true">
                  {step.status === "done" ? "☑" : "☐"}
                </span>
                <span className="sop-checklist-rule">{step.key}</span>
                <span className="sop-checklist-title">
                  {step.title}
                  <span className="sop-checklist-why">{step.why}</span>
                </span>
                <span className="sop-checklist-due">
                  {step.due ? <time dateTime={step.due}>{longDate(step.due, today)}</time> : "No date"}
                  <span className="sop-checklist-status">
                    {STATUS_LABELS[step.status]}
                    {step.role === "team_lead" ? ` · ${ROLE_LABELS.team_lead}` : ""}
                  </span>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <section className="sop-checklist-section sop-checklist-notes" aria-labelledby="sop-checklist-feedback">
        <h2 id="sop-checklist-feedback">Admin’s feedback</h2>
        <div className="sop-checklist-lines" aria-hidden="true" />
        <h2>Notes</h2>
        <div className="sop-checklist-lines" aria-hidden="true" />
      </section>
    </>
  )
}

import type { AccountView } from "~/src/messages/protocol"
import { PRODUCT_LABELS } from "~/src/domain/labels"
import { plural } from "~/src/domain/text"

import { shortDate } from "../format"

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === "string")

/** The training matrix for this account's products: each session, its modules, held or not. */
export function TrainingPlan({ view }: { view: AccountView }) {
  const trainings = view.facts.trainingsCompletedOn
  const held = isStringArray(trainings) ? trainings : []
  const sessions = view.plan.trainingPlan
  const heldCount = Math.min(held.length, sessions.length)
  // Past the training stage the plan is history: folded into one line, and no "0 of 4 held"
  // for an account whose trainings were never entered (issue 16, item 6).
  const past = view.plan.stage !== "onboarding" && view.plan.stage !== "training"
  const list = (
    <ol className="sop-sessions">
      {sessions.map((session, index) => {
        const date = held[index]
        return (
          <li
            key={session.session}
            className="sop-session"
            data-session={session.session}
            data-held={date ? "true" : "false"}
          >
            <div className="sop-session-head">
              <span className="sop-session-name">
                Session {session.session} · {PRODUCT_LABELS[session.product]}
              </span>
              {date ? (
                <span className="sop-flag sop-flag-done">
                  Held <time dateTime={date}>{shortDate(date, view.today)}</time>
                </span>
              ) : (
                <span className="sop-flag sop-flag-pending">Not held yet</span>
              )}
            </div>
            <p className="sop-modules">{session.modules.join(" · ")}</p>
          </li>
        )
      })}
    </ol>
  )
  if (past) {
    return (
      <section className="sop-card sop-training-past" aria-labelledby="sop-training-title">
        <details>
          <summary>
            <h3 id="sop-training-title">
              Training plan{" "}
              <span className="sop-group-count">
                {heldCount === 0
                  ? plural(sessions.length, "session")
                  : heldCount === sessions.length
                    ? `all ${sessions.length} held`
                    : `${heldCount} of ${sessions.length} held`}
              </span>
            </h3>
          </summary>
          {list}
        </details>
      </section>
    )
  }
  return (
    <section className="sop-card" aria-labelledby="sop-training-title">
      <h3 id="sop-training-title">
        Training plan <span className="sop-group-count">{`${heldCount} of ${sessions.length} held`}</span>
      </h3>
      {list}
    </section>
  )
}

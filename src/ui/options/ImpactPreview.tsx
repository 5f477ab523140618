import { groupText, type SettingsImpact } from "~/src/domain/settings-impact"
import { plural } from "~/src/domain/text"

import { useOptions } from "../store-context"
import { SettingName } from "./fields"
import { valueText } from "./value-text"

/** How many accounts of a group are named before "and n more". */
const NAMED = 5

/** What a settings change does to the plans: one group per way the plans change, with counts and the first accounts named. */
export function ImpactList({ impact }: { impact: SettingsImpact }) {
  return (
    <div className="sop-impact" data-testid="impact-list">
      <p>
        <strong data-testid="impact-changed">{plural(impact.changed, "account")}</strong> of {impact.checked} in your
        book change{impact.changed === 1 ? "s" : ""} plan
        {impact.groups.length === 0 ? "." : ":"}
      </p>
      {impact.groups.length > 0 ? (
        <ul className="sop-impact-groups">
          {impact.groups.map((group) => {
            const named = group.accounts.slice(0, NAMED)
            return (
              <li
                key={`${group.gains.join()}|${group.loses.join()}|${group.moves.join()}`}
                data-testid="impact-group"
                data-gains={group.gains.join(" ")}
                data-loses={group.loses.join(" ")}
                data-moves={group.moves.join(" ")}
                data-count={group.count}
              >
                <span className="sop-impact-count">{plural(group.count, "account")}</span> {groupText(group)}
                <span className="sop-impact-names">
                  {named.map((account, i) => (
                    <span key={account.id} data-account-id={account.id}>
                      {i > 0 ? ", " : ""}
                      {account.name}
                    </span>
                  ))}
                  {group.count > named.length ? ` and ${group.count - named.length} more` : ""}
                </span>
              </li>
            )
          })}
        </ul>
      ) : null}
    </div>
  )
}

/** An edit held before saving: what it changes, then Save (exactly this) or Cancel (nothing). */
export function PendingImpact() {
  const pending = useOptions((s) => s.pending)
  const confirm = useOptions((s) => s.confirmPending)
  const cancel = useOptions((s) => s.cancelPending)
  if (!pending) return null
  const { impact } = pending
  return (
    <section className="sop-impact-pending" data-testid="impact-preview" role="dialog" aria-labelledby="impact-title">
      <h3 id="impact-title">Before this is saved</h3>
      <ul className="sop-impact-changes">
        {impact.changes.map((change) => (
          <li key={change.path} data-path={change.path}>
            <SettingName path={change.path} />: {valueText(change.from)} → {valueText(change.to)}
          </li>
        ))}
      </ul>
      <ImpactList impact={impact} />
      <div className="sop-actions">
        <button type="button" className="sop-btn sop-btn-primary" data-action="impact-save" onClick={confirm}>
          Save this change
        </button>
        <button type="button" className="sop-btn" data-action="impact-cancel" onClick={cancel}>
          Cancel
        </button>
      </div>
    </section>
  )
}

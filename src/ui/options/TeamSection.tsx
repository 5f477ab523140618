import { useMemo, useState } from "react"

import { PACKAGES, SERVICE_LEVELS } from "~/src/domain/facts"
import { PLAYBOOK, type Rule } from "~/src/domain/playbook"
import { TIMING_KEYS } from "~/src/domain/playbook/schema"
import { STAGES } from "~/src/domain/plan"

import { situationLabel, stageLabel, valueLabel } from "../labels"
import { useOptions } from "../store-context"
import { CheckboxField, CheckboxListField, fieldId, IdListField, TextField } from "./fields"
import { MappingCheck } from "./MappingCheck"
import { MappingEditor } from "./MappingEditor"
import { TIMING_LABELS } from "./setting-labels"
import { isLocked } from "./store"

export function ThresholdsCard() {
  return (
    <section className="sop-card" id="thresholds" aria-labelledby="thresholds-title">
      <h3 id="thresholds-title">Thresholds</h3>
      <p className="sop-card-intro">
        Which accounts get the sentiment survey, and which CSM tier an account is in (spec §3).
      </p>
      <div className="sop-grid">
        <TextField
          path="thresholds.surveyMrr"
          kind="number"
          suffix="$ MRR"
          hint="Accounts at or above this MRR get the Customer Sentiment Survey (AD9)."
        />
        <TextField path="thresholds.digitalMaxMrr" kind="number" suffix="$ MRR" />
        <TextField path="thresholds.digitalMaxUsers" kind="integer" suffix="users" />
        <TextField path="thresholds.strategicMinMrr" kind="number" suffix="$ MRR" />
      </div>
    </section>
  )
}

export function TimingCard() {
  return (
    <section className="sop-card" id="timing" aria-labelledby="timing-title">
      <h3 id="timing-title">Timing</h3>
      <p className="sop-card-intro">
        How the team reads the SOPs’ “within a week”, “the next business day”: whole days.
      </p>
      <div className="sop-grid">
        {TIMING_KEYS.map((key) => (
          <TextField key={key} path={`timing.${key}`} kind="integer" suffix={TIMING_LABELS[key][1]} />
        ))}
      </div>
    </section>
  )
}

export function SixtyDayCard() {
  return (
    <section className="sop-card" id="sixty-day" aria-labelledby="sixty-day-title">
      <h3 id="sixty-day-title">60-day track</h3>
      <p className="sop-card-intro">
        Accounts on the 60-day track have one adoption meeting at day 60 instead of the 30- and 90-day meetings.
      </p>
      <div className="sop-grid">
        <CheckboxListField
          path="sixtyDayTrack.packages"
          label="Packages"
          options={PACKAGES.map((value) => ({ value, label: valueLabel(value) }))}
        />
        <CheckboxListField
          path="sixtyDayTrack.serviceLevels"
          label="Service levels"
          options={SERVICE_LEVELS.map((value) => ({ value, label: valueLabel(value) }))}
        />
      </div>
    </section>
  )
}

const phaseLabel = (phase: Rule["phase"]): string =>
  phase === "team_lead_checkins"
    ? "Team Lead check-ins"
    : (STAGES as readonly string[]).includes(phase)
      ? stageLabel(phase)
      : situationLabel(phase)

/** Every playbook rule with a switch; a rule switched off is never listed on any account. */
export function RulesCard() {
  const saved = useOptions((s) => s.settings.disabledRules)
  const draft = useOptions((s) => s.drafts.disabledRules)
  const locked = useOptions((s) => isLocked(s.locked, "disabledRules"))
  const edit = useOptions((s) => s.edit)
  const [filter, setFilter] = useState("")
  const off = (locked ? saved : ((draft?.raw as string[] | undefined) ?? saved)) as readonly string[]
  const needle = filter.trim().toLowerCase()
  const groups = useMemo(() => {
    const byPhase = new Map<Rule["phase"], Rule[]>()
    for (const rule of PLAYBOOK) {
      if (needle !== "" && !`${rule.id} ${rule.title}`.toLowerCase().includes(needle)) continue
      byPhase.set(rule.phase, [...(byPhase.get(rule.phase) ?? []), rule])
    }
    return [...byPhase.entries()]
  }, [needle])
  const toggle = (id: string, on: boolean) => {
    const next = PLAYBOOK.map((r) => r.id as string).filter((rid) => (rid === id ? !on : off.includes(rid)))
    edit("disabledRules", next, "list", true)
  }
  const id = fieldId("disabledRules")
  return (
    <section className="sop-card" id="rules" aria-labelledby="rules-title">
      <h3 id="rules-title">
        Rules switched off <span className={`sop-badge ${off.length > 0 ? "sop-badge-amber" : ""}`}>{off.length}</span>
      </h3>
      <p className="sop-card-intro">
        Uncheck a rule to switch it off for the whole team: its step is no longer listed on any account.
      </p>
      {locked ? (
        <p className="sop-locked-note" id={`${id}-locked`} data-testid="locked-note">
          Set by your organisation
        </p>
      ) : null}
      {draft?.error ? (
        <p className="sop-field-error" id={`${id}-error`} data-testid="field-error">
          {draft.error}
        </p>
      ) : null}
      <div className="sop-rules-toolbar">
        <label htmlFor="rules-filter" className="sop-hint">
          Find a rule
        </label>
        <input
          id="rules-filter"
          type="text"
          value={filter}
          placeholder="ON2, survey…"
          onChange={(e) => setFilter(e.target.value)}
        />
      </div>
      {groups.length === 0 ? <p className="sop-hint">No rule matches “{filter}”.</p> : null}
      {groups.map(([phase, rules]) => (
        <div key={phase}>
          <h4 className="sop-rule-phase" id={`rules-${phase}`}>
            {phaseLabel(phase)}
          </h4>
          <ul className="sop-rules" aria-labelledby={`rules-${phase}`}>
            {rules.map((rule) => {
              const isOff = off.includes(rule.id)
              return (
                <li key={rule.id}>
                  <label className="sop-rule" data-rule={rule.id} data-off={isOff}>
                    <input
                      type="checkbox"
                      data-path="disabledRules"
                      data-rule={rule.id}
                      checked={!isOff}
                      disabled={locked}
                      aria-describedby={locked ? `${id}-locked` : undefined}
                      onChange={(event) => toggle(rule.id, event.target.checked)}
                    />
                    <span className="sop-rule-id">{rule.id}</span>
                    <span className="sop-rule-title">{rule.title}</span>
                    <span className="sop-rule-state">{isOff ? "Off" : "On"}</span>
                  </label>
                </li>
              )
            })}
          </ul>
        </div>
      ))}
    </section>
  )
}

export function LinksCard() {
  return (
    <section className="sop-card" id="links" aria-labelledby="links-title">
      <h3 id="links-title">Links</h3>
      <p className="sop-card-intro">
        The team’s links the email templates merge. Leave one empty until you have it: emails show a gap there.
      </p>
      <div className="sop-grid">
        <TextField path="links.kycSurvey" type="url" placeholder="https://forms.gle/…" hint="{{kycSurveyLink}}" />
        <TextField path="links.customerLaunchKit" type="url" placeholder="https://…" hint="{{customerLaunchKitLink}}" />
        <TextField path="links.policyManuals" type="url" placeholder="https://…" hint="{{policyManualsLink}}" />
        <TextField path="links.overviewVideos" type="url" placeholder="https://…" hint="{{overviewVideosLink}}" />
        <TextField path="links.openForum" type="url" placeholder="https://…" hint="{{openForumLink}}" />
        <TextField path="links.supportContact" placeholder="support@… · 1-800-…" hint="{{supportContact}}" />
      </div>
    </section>
  )
}

export function SalesforceCard() {
  return (
    <section className="sop-card" id="salesforce" aria-labelledby="salesforce-title">
      <h3 id="salesforce-title">Salesforce</h3>
      <p className="sop-card-intro">
        Where your org keeps each fact: an Account field, or a field of the account’s newest related record. With a
        Salesforce session the choices are your org’s own fields of the right type. A fact not in Salesforce is entered
        in the panel.
      </p>
      <div className="sop-grid">
        <TextField
          path="salesforce.apiVersion"
          label="UI API version"
          placeholder="62.0"
          hint="As in /services/data/v62.0/."
        />
        <IdListField
          path="salesforce.teamMembers"
          label="Team members (User ids)"
          hint="For the team page: one User id (005…) a line. Empty: the users whose manager you are in Salesforce."
        />
        <CheckboxField
          path="salesforce.writeBack"
          label="Write back to Salesforce"
          hint="Check-offs become [SOP …] Tasks on the account and facts go to their mapped fields, so the team shares them. Off: they stay in this browser."
        />
      </div>
      <MappingEditor />
      <MappingCheck />
    </section>
  )
}

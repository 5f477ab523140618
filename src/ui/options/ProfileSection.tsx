import { useMemo } from "react"

import { useOptions } from "../store-context"
import { CheckboxField, SelectField, TextAreaField, TextField } from "./fields"

/** IANA zones this browser knows (`Intl.supportedValuesOf`), with the saved one kept even if missing. */
export function timeZoneOptions(saved: string): Array<{ value: string; label: string }> {
  const supported = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : []
  const zones = saved !== "" && !supported.includes(saved) ? [saved, ...supported] : supported
  const local = Intl.DateTimeFormat().resolvedOptions().timeZone
  return [
    { value: "", label: `This computer's time zone (${local})` },
    ...zones.map((zone) => ({ value: zone, label: zone.replace(/_/g, " ") }))
  ]
}

/** The CSM's own merge fields, time zone and daily digest. */
export function ProfileSection() {
  const savedZone = useOptions((s) => s.profile.timeZone)
  const digestOn = useOptions((s) => (s.drafts["profile.dailyDigest"]?.raw ?? s.profile.dailyDigest) === true)
  const zones = useMemo(() => timeZoneOptions(savedZone), [savedZone])
  return (
    <section className="sop-card" id="profile" aria-labelledby="profile-title">
      <p className="sop-card-intro">
        Yours alone: these fill the merge fields of your emails and set when “today” starts for you.
      </p>
      <div className="sop-grid">
        <TextField path="profile.name" hint="As you sign your emails ({{csmName}})." autoComplete="name" />
        <TextField
          path="profile.initials"

          hint="Used in Salesforce notes, e.g. MM ({{csmInitials}})."
        />
        <TextField
          path="profile.calendlyLink"

          type="url"
          placeholder="https://calendly.com/you"
          hint="Where customers book time with you ({{calendlyLink}})."
        />
        <SelectField
          path="profile.role"
          options={[
            { value: "csm", label: "Customer Success Manager" },
            { value: "team_lead", label: "Team Lead" }
          ]}
          hint="A Team Lead checks off the Team Lead steps (TL1, TL2, CX3 …); a CSM sees them apart."
        />
        <SelectField
          path="profile.timeZone"

          options={zones}
          hint="Due dates and “today” follow this zone."
        />
      </div>
      <div className="sop-grid" style={{ marginTop: 14 }}>
        <TextAreaField
          path="profile.signature"

          rows={4}
          hint="Title, phone, email: goes under your name ({{csmSignature}})."
          className="sop-wide"
        />
        <div className="sop-field">
          <CheckboxField
            path="profile.dailyDigest"

            hint="Once a day, a notification listing what is due and overdue."
          />
          <div hidden={!digestOn}>
            <TextField path="profile.digestTime" type="time" hint="In your time zone." />
          </div>
        </div>
      </div>
    </section>
  )
}

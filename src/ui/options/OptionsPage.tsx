import impactCss from "data-text:./impact.css"
import optionsCss from "data-text:./options.css"
import { useEffect, useState } from "react"
import { useShallow } from "zustand/react/shallow"

import { onAccountChanged } from "~/src/messages/client"
import { ALL_ACCOUNTS } from "~/src/messages/protocol"
import { plural } from "~/src/domain/text"

import { OptionsStoreContext, useOptions } from "../store-context"
import { surfaceCss } from "../styles"
import { fieldId } from "./fields"
import { DocumentsSection } from "./DocumentsSection"
import { ImportExport } from "./ImportExport"
import { PendingImpact } from "./ImpactPreview"
import { ProfileSection } from "./ProfileSection"
import { LinksCard, RulesCard, SalesforceCard, SixtyDayCard, ThresholdsCard, TimingCard } from "./TeamSection"
import { TemplatesSection } from "./TemplatesSection"
import { settingLabel } from "./setting-labels"
import { createOptionsStore, type OptionsState, type OptionsStore } from "./store"

const OPTIONS_CSS = surfaceCss(`${optionsCss}\n${impactCss}`)

const NAV: Array<{ group: string; items: Array<[string, string]> }> = [
  { group: "You", items: [["profile", "My profile"]] },
  {
    group: "Team",
    items: [
      ["thresholds", "Thresholds"],
      ["timing", "Timing"],
      ["sixty-day", "60-day track"],
      ["rules", "Rules switched off"],
      ["links", "Links"],
      ["documents", "Team documents"],
      ["salesforce", "Salesforce"],
      ["templates", "Email templates"],
      ["import-export", "Import & export"]
    ]
  }
]

/** The paths whose typed value is not valid (and so not saved), in the order they were typed. */
const invalidPaths = (drafts: OptionsState["drafts"]): string[] =>
  Object.entries(drafts).flatMap(([path, draft]) => (draft.error === undefined ? [] : [path]))

function SaveStatus() {
  const status = useOptions((s) => s.status)
  // A field still invalid outranks an earlier "saved": that value is not saved (issue 16, defect 5).
  const invalid = useOptions(useShallow((s) => invalidPaths(s.drafts)))
  const [first] = invalid
  const kind = first !== undefined && status.kind !== "saving" ? "invalid" : status.kind
  const text =
    kind === "invalid"
      ? `Not saved: ${settingLabel(first ?? "")}${invalid.length > 1 ? ` and ${plural(invalid.length - 1, "more field")}` : ""} ${invalid.length > 1 ? "need" : "needs"} fixing`
      : status.kind === "saving"
        ? "Saving…"
        : status.kind === "saved"
          ? "All changes saved"
          : status.kind === "error"
            ? "Not saved: fix the field marked in red"
            : ""
  return (
    <p className="sop-status" role="status" aria-live="polite" data-kind={kind} data-testid="save-status">
      {kind === "invalid" && first !== undefined ? (
        <button
          type="button"
          className="sop-status-link"
          data-action="focus-invalid"
          onClick={() => document.getElementById(fieldId(first))?.focus()}
        >
          {text}
        </button>
      ) : (
        text
      )}
    </p>
  )
}

function Body() {
  const loading = useOptions((s) => s.loading)
  const loadError = useOptions((s) => s.loadError)
  const lockedCount = useOptions((s) => s.locked.length)
  const storedInvalid = useOptions((s) => s.storedInvalid)
  if (loading) return <p aria-busy="true">Loading your settings…</p>
  if (loadError) {
    return (
      <p className="sop-import-error" role="alert">
        SOP Pilot could not read its settings: {loadError}
      </p>
    )
  }
  return (
    <>
      <h2 className="sop-part-title" id="profile-title">
        My profile
      </h2>
      <ProfileSection />
      <h2 className="sop-part-title" style={{ marginTop: 28 }}>
        Team settings
      </h2>
      <p className="sop-part-intro">
        Shared by the whole team: a Team Lead sets them once and exports them for everyone.
        {lockedCount > 0 ? " Some are set by your organisation and cannot be changed here." : ""}
      </p>
      {storedInvalid.length > 0 && (
        <div className="sop-stored-invalid" role="alert" data-testid="stored-invalid">
          <p>
            Some saved team settings are not valid in this version of SOP Pilot. They show their defaults here and are
            kept as saved; every other setting is yours:
          </p>
          <ul>
            {storedInvalid.map((error) => (
              <li key={error.path}>
                <code>{error.path}</code>: {error.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <ThresholdsCard />
      <TimingCard />
      <SixtyDayCard />
      <RulesCard />
      <LinksCard />
      <DocumentsSection />
      <SalesforceCard />
      <TemplatesSection />
      <ImportExport />
      <PendingImpact />
    </>
  )
}

/** The options page: the CSM's profile, then the team settings, each change validated and saved. */
export function OptionsPage({ store: given }: { store?: OptionsStore }) {
  const [store] = useState(() => given ?? createOptionsStore())
  useEffect(() => {
    const controller = new AbortController()
    document.title = "SOP Pilot settings"
    void store.getState().load()
    // Settings changed elsewhere (another options tab, an import, the organisation's policy).
    onAccountChanged((accountId) => {
      if (accountId === ALL_ACCOUNTS) void store.getState().load()
    }, controller.signal)
    return () => controller.abort()
  }, [store])

  return (
    <OptionsStoreContext.Provider value={store}>
      <style>{OPTIONS_CSS}</style>
      <a className="sop-skip-link" href="#content">
        Skip to the settings
      </a>
      <header className="sop-header">
        <span className="sop-logo" aria-hidden="true">
          SP
        </span>
        <h1>SOP Pilot settings</h1>
        <SaveStatus />
        {/* The Team Lead's page: the team's book by CSM (issue 13). */}
        <a className="sop-team-link" href="tabs/team.html" target="_blank" rel="noopener" data-action="open-team">
          Your team
        </a>
      </header>
      <div className="sop-layout">
        <nav className="sop-nav" aria-label="Settings sections">
          {NAV.map(({ group, items }) => (
            <div key={group}>
              <p className="sop-nav-group">{group}</p>
              <ul>
                {items.map(([id, label]) => (
                  <li key={id}>
                    <a href={`#${id}`}>{label}</a>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
        <main id="content" tabIndex={-1}>
          <Body />
        </main>
      </div>
    </OptionsStoreContext.Provider>
  )
}

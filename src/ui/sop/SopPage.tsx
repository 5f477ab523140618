import { useEffect, useRef, useState } from "react"

import { isRuleId, type RuleId } from "~/src/domain/playbook/rule-ids"
import { RULE_SECTIONS, SOPS, type SopId, findSection } from "~/src/domain/playbook/sections"

import { pageCss } from "../styles"
import { SOP_TEXTS } from "./texts"

const PAGE_CSS = pageCss(`
.sop-doc { max-width: 860px; margin: 0 auto; padding: 24px; }
.sop-doc pre { white-space: pre-wrap; font: inherit; line-height: 1.5; margin: 0; }
.sop-doc-line { display: block; min-height: 1em; }
.sop-doc-here { background: #fff3bf; color: #1a1a1a; outline: 2px solid #f08c00; scroll-margin-top: 40vh; font-weight: 600; }
`)

/** `#rule=AD1` → the rule, its SOP and section; anything else → undefined. */
export function readSopHash(hash: string): { rule: RuleId; sop: SopId; heading: string } | undefined {
  const rule = new URLSearchParams(hash.replace(/^#/, "")).get("rule")
  if (!rule || !isRuleId(rule)) return undefined
  const section = RULE_SECTIONS[rule]
  return { rule, sop: section.sop, heading: section.heading }
}

/** One SOP as the team wrote it (text, never HTML), scrolled to the section a step comes from. */
export function SopPage({ hash = location.hash }: { hash?: string }) {
  const [target, setTarget] = useState(() => readSopHash(hash))
  const here = useRef<HTMLSpanElement>(null)
  useEffect(() => {
    const onHash = () => setTarget(readSopHash(location.hash))
    window.addEventListener("hashchange", onHash)
    return () => window.removeEventListener("hashchange", onHash)
  }, [])
  useEffect(() => {
    document.title = target ? `${SOPS[target.sop].name} § ${target.heading}` : "SOP Pilot · SOP"
    here.current?.scrollIntoView({ block: "center" })
    here.current?.focus()
  }, [target])
  if (!target) {
    return (
      <main className="sop-doc">
        <style>{PAGE_CSS}</style>
        <p role="alert">This link does not name a step of the playbook.</p>
      </main>
    )
  }
  const text = SOP_TEXTS[target.sop]
  const at = findSection(text, target.heading)
  return (
    <main className="sop-doc" data-testid="sop-page" data-sop={target.sop} data-rule={target.rule}>
      <style>{PAGE_CSS}</style>
      <h1>{SOPS[target.sop].name}</h1>
      <p>
        Step {target.rule} comes from § {target.heading}.
      </p>
      <pre>
        {text.split(/\r?\n/).map((line, index) =>
          index === at ? (
            <span key={index} ref={here} tabIndex={-1} className="sop-doc-line sop-doc-here" data-testid="sop-section">
              {line}
            </span>
          ) : (
            <span key={index} className="sop-doc-line">
              {line}
            </span>
          )
        )}
      </pre>
    </main>
  )
}

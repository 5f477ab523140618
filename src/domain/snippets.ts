/**
 * Snippets (issue 16, item 11): `;` + a short name typed in a Gmail compose body inserts that
 * template for the compose's account, the Text Blaze habit. Pure and zod-free (the Gmail bundle
 * imports it); the short names are team settings (`snippets` in settings.ts).
 *
 * As in Text Blaze, a snippet expands the moment its last letter is typed: no trigger key. So no
 * short name may start another one (`recap` would fire before `recap30` is typed); the settings
 * refuse that (`snippetClash`). The `;` must start the text or follow a space or punctuation, so
 * `a;b` in a sentence or an address never expands. Names are matched as written (lower case).
 *
 * `planRecap` is stage-aware: `;recap` means the recap the plan calls for now (the most pressing
 * due or overdue recap step, as the panel ranks them); a template's own name means that template,
 * for its most pressing open step when the plan has one.
 */
import type { Plan, PlanStep } from "./plan"
import { pickTemplate } from "./template-pick"
import { TEMPLATE_IDS, type TemplateId } from "./templates/catalog"

/** `planRecap`, then every template id. */
export const SNIPPET_KEYS = ["planRecap", ...TEMPLATE_IDS] as const
export type SnippetKey = (typeof SNIPPET_KEYS)[number]
/** A short name per snippet; "" switches that snippet off. */
export type SnippetNames = Record<SnippetKey, string>

export const DEFAULT_SNIPPETS: SnippetNames = {
  planRecap: "recap",
  welcome_reminder: "welcome",
  onboarding_call_recap: "obcall",
  smb_onboarding_call_recap: "smbcall",
  training_recap: "training",
  smb_onboarding_completed: "smbdone",
  adoption_30_recap: "day30",
  adoption_90_recap: "day90",
  sentiment_survey_reminder: "survey",
  tl_75_checkin_recap: "tl75",
  tl_150_checkin_recap: "tl150",
  account_gone_dark: "dark"
}

/** What a short name may be: lower-case letters and digits, `-` or `_` after the first, at most 24. */
export const SHORT_NAME = /^[a-z0-9][a-z0-9_-]{0,23}$/

/** The templates `;recap` chooses among: every `…_recap` email. */
export const RECAP_TEMPLATES: readonly TemplateId[] = TEMPLATE_IDS.filter((id) => id.endsWith("_recap"))

/** The longest text a snippet can be (`;` + 24 characters): how far back the host needs to read. */
export const SNIPPET_MAX_LENGTH = 25

export interface SnippetHit {
  key: SnippetKey
  /** What was typed, `;` included: replaced by the email. */
  typed: string
}

/** The snippet the text before the caret ends with, if any. */
export function snippetAt(before: string, names: Partial<Record<SnippetKey, string>>): SnippetHit | undefined {
  for (const key of SNIPPET_KEYS) {
    const name = names[key]
    if (!name) continue
    const typed = `;${name}`
    if (!before.endsWith(typed)) continue
    const previous = before.charAt(before.length - typed.length - 1)
    // Start of the text, or after a space or punctuation: never inside a word or an address.
    if (previous === "" || !/[\p{L}\p{N}_;-]/u.test(previous)) return { key, typed }
  }
  return undefined
}

/** Two snippets whose names would collide (one starts the other, or they are equal), if any. */
export function snippetClash(names: Partial<Record<SnippetKey, string>>): [SnippetKey, SnippetKey] | undefined {
  const named = SNIPPET_KEYS.filter((key) => names[key])
  for (const a of named)
    for (const b of named) if (a !== b && (names[b] as string).startsWith(names[a] as string)) return [a, b]
  return undefined
}

export type SnippetPick =
  | { kind: "email"; template: TemplateId; step?: PlanStep }
  /** `;recap` with no recap due or overdue. */
  | { kind: "nothing-due" }

/** The email a snippet stands for on this account today. */
export function resolveSnippet(key: SnippetKey, plan: Pick<Plan, "steps">, today: string): SnippetPick {
  const { steps } = pickTemplate(plan, today)
  if (key === "planRecap") {
    const due = steps.find((s) => s.pressing && RECAP_TEMPLATES.includes(s.template))
    return due ? { kind: "email", template: due.template, step: due.step } : { kind: "nothing-due" }
  }
  const step = steps.find((s) => s.template === key)?.step
  return step ? { kind: "email", template: key, step } : { kind: "email", template: key }
}

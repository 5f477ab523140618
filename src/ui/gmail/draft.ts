/**
 * The draft a compose panel shows, derived from its state (pure: no DOM, no chrome): which
 * template for which plan step, the merged subject and body, the inputs to show and the gaps.
 */
import {
  composeValues,
  currentInputs,
  inputFields,
  knownValues,
  mergedLines,
  mergedLineText,
  type ComposeInputs,
  type ComposeSource,
  type InputField,
  type LinePiece
} from "~/src/domain/compose-values"
import type { PlanStep } from "~/src/domain/plan"
import { normaliseEmail } from "~/src/domain/recipients"
import { TEMPLATE_LABELS } from "~/src/domain/labels"
import { pickTemplate, type EmailStep } from "~/src/domain/template-pick"
import { TEMPLATE_IDS, type TemplateId, type TemplateText } from "~/src/domain/templates/catalog"
import type { MergeFieldName } from "~/src/domain/templates/fields"
import { mergeTemplate, type MergeResult } from "~/src/domain/templates/merge"
import type { Recipient } from "~/src/hosts/gmail/compose"
import type { ComposeContext, ComposeMatch } from "~/src/messages/protocol"

export interface DraftOption {
  /** `step:TR2#2` or `template:training_recap`. */
  value: string
  label: string
  template: TemplateId
  step?: PlanStep
  group: "steps" | "templates"
}

export interface Draft {
  options: DraftOption[]
  /** The selected option, undefined when nothing is due and the CSM has not picked a template. */
  selected?: DraftOption
  /** The pre-selected step and why (shown until the CSM picks another option). */
  suggested?: EmailStep
  /** Why the selected step applies (its due date and the plan's why). */
  reason?: string
  template?: TemplateId
  text?: TemplateText
  merge?: MergeResult
  fields: InputField[]
  /** Current input values by field (known ⊕ typed), as the inputs show them. */
  inputs: ComposeInputs
  gaps: MergeFieldName[]
  unknown: string[]
  subject: string
  body: LinePiece[][]
}

export const stepValue = (key: string) => `step:${key}`
export const templateValue = (id: TemplateId) => `template:${id}`

const isTemplateId = (value: string): value is TemplateId => (TEMPLATE_IDS as readonly string[]).includes(value)

/** The recipient the email greets: the one that matched the account, else the first To. */
export function addressee(
  recipients: readonly Recipient[],
  match?: Pick<ComposeMatch, "email">
): Recipient | undefined {
  const wanted = match && normaliseEmail(match.email)
  const found = wanted ? recipients.find((r) => normaliseEmail(r.email) === wanted) : undefined
  return found ?? recipients.find((r) => (r.field ?? "to") === "to") ?? recipients[0]
}

export interface DraftInput {
  context: ComposeContext
  recipient?: Recipient
  /** The CSM's pick (`step:…` / `template:…`); undefined: the suggestion. */
  option?: string
  typed: ComposeInputs
  /** The step last emailed: still selectable after it left the plan (a wrap-up, once checked off). */
  emailed?: PlanStep
}

export function deriveDraft({ context, recipient, option, typed, emailed }: DraftInput): Draft {
  const { view } = context
  const pick = pickTemplate(view.plan, view.today)
  const options: DraftOption[] = pick.steps.map(({ step, template }) => ({
    value: stepValue(step.key),
    label: `${step.key} · ${TEMPLATE_LABELS[template]}`,
    template,
    step,
    group: "steps"
  }))
  // A step picked (or emailed) and checked off since stays selectable, marked done.
  if (option?.startsWith("step:") && !options.some((o) => o.value === option)) {
    const inPlan = view.plan.steps.find((s) => stepValue(s.key) === option)
    const step =
      inPlan ?? (emailed && stepValue(emailed.key) === option ? { ...emailed, status: "done" as const } : undefined)
    if (step?.template && isTemplateId(step.template)) {
      options.unshift({
        value: option,
        label: `${step.key} · ${TEMPLATE_LABELS[step.template]} (done)`,
        template: step.template,
        step,
        group: "steps"
      })
    }
  }
  for (const id of TEMPLATE_IDS)
    options.push({ value: templateValue(id), label: TEMPLATE_LABELS[id], template: id, group: "templates" })

  const wanted = option ?? (pick.suggested ? stepValue(pick.suggested.step.key) : undefined)
  const selected = options.find((o) => o.value === wanted)
  const emailStep = selected?.step && pick.steps.find((s) => s.step.key === selected.step?.key)

  const source: ComposeSource = {
    accountName: view.name,
    facts: view.facts,
    plan: view.plan,
    today: view.today,
    profile: context.profile,
    links: context.links,
    recipient: recipient && { email: recipient.email, name: recipient.name },
    step: selected?.step
  }
  const inputs = currentInputs(source, typed)
  const text = selected ? context.templates[selected.template] : undefined
  if (!selected || !text) {
    return {
      options,
      selected,
      suggested: pick.suggested,
      fields: [],
      inputs,
      gaps: [],
      unknown: [],
      subject: "",
      body: []
    }
  }
  const merge = mergeTemplate(text, composeValues(source, typed))
  return {
    options,
    selected,
    suggested: pick.suggested,
    reason: emailStep?.reason ?? (selected.step ? `${selected.step.why}` : undefined),
    template: selected.template,
    text,
    merge,
    fields: inputFields(text, inputs, knownValues(source)),
    inputs,
    gaps: merge.gaps,
    unknown: merge.unknown,
    subject: mergedLineText(merge.subject),
    body: mergedLines(merge.body)
  }
}

/**
 * What a snippet typed in the body inserts (issue 16, item 11): the email its short name stands
 * for on the compose's account (`resolveSnippet`), drafted exactly as the panel drafts it
 * (`deriveDraft`: the values typed in the panel, gaps as `[missing: …]` markers). Pure: no DOM.
 */
import { TEMPLATE_LABELS } from "~/src/domain/labels"
import { resolveSnippet, type SnippetKey } from "~/src/domain/snippets"
import type { TemplateId } from "~/src/domain/templates/catalog"
import { addressee, deriveDraft, stepValue, templateValue, type Draft } from "./draft"
import type { ComposeState } from "./store"

export type SnippetOutcome = { draft: Draft & { template: TemplateId }; option: string } | { notice: string }

export function snippetEmail(state: ComposeState, key: SnippetKey, typed: string): SnippetOutcome {
  const { context, accountId } = state
  if (!accountId)
    return {
      notice: `${typed} needs the email’s account: add a recipient SOP Pilot knows, or choose the account here.`
    }
  if (!context || context.view.accountId !== accountId)
    return { notice: `${typed}: the account’s plan is still loading. Type it again in a moment.` }
  const pick = resolveSnippet(key, context.view.plan, context.view.today)
  if (pick.kind === "nothing-due")
    return { notice: `${typed}: no recap is due for ${context.view.name} now. Pick the email here.` }
  const option = pick.step ? stepValue(pick.step.key) : templateValue(pick.template)
  const match = state.matches.find((m) => m.accountId === accountId)
  const draft = deriveDraft({
    context,
    recipient: addressee(state.recipients, match),
    option,
    typed: state.typed,
    emailed: state.inserted?.step
  })
  if (!draft.template) return { notice: `${typed}: “${TEMPLATE_LABELS[pick.template]}” has no wording to insert.` }
  return { draft: draft as Draft & { template: TemplateId }, option }
}

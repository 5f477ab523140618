/**
 * One compose panel's state: the recipients and what the background says about them, the chosen
 * account and its context, the CSM's template pick and typed values, the last insert and the
 * step check-off. A fresh store per compose (`createComposeStore`); tests pass their own `ask`.
 *
 * Every action catches its own errors into state (shown in the panel): nothing rejects into
 * Gmail. Answers that arrive after the panel moved on (another account, other recipients) are
 * dropped, by a generation number.
 */
import { createStore, type StoreApi } from "zustand/vanilla"

import type { ComposeInputs } from "~/src/domain/compose-values"
import type { PlanStep } from "~/src/domain/plan"
import { autoSelect, usableRecipients, type AccountMatch } from "~/src/domain/recipients"
import type { TemplateId } from "~/src/domain/templates/catalog"
import { profileKeyOf, type MergeFieldName } from "~/src/domain/templates/fields"
import type { Recipient } from "~/src/hosts/gmail/compose"
import type { ComposeContext, ComposeMatch } from "~/src/messages/protocol"
import { SNIPPET_KEYS, type SnippetKey } from "~/src/domain/snippets"
import { errorText } from "~/src/domain/text"
import { newViewId } from "~/src/messages/client"
import { personOnly, type InputPolicy } from "../input-guard"
import { ask as askBackground } from "./messages"

export interface ComposeStoreDeps {
  ask: typeof askBackground
  /** Which events reach the panel's handlers (`input-guard.ts`); default: a person's only. */
  inputPolicy?: InputPolicy
}

export type ChosenBy = "auto" | "remembered" | "user"

export interface Inserted {
  undo: () => void
  template: TemplateId
  /** The plan step emailed, as it was: a wrap-up leaves the plan once checked off. */
  step?: PlanStep
  gaps: number
  undone?: boolean
}

export interface StepMark {
  key: string
  status: "saving" | "done" | "error"
  error?: string
}

export interface ComposeState {
  /** The recipients the lookup uses (usableRecipients: over-long addresses out, at most 100). */
  recipients: Recipient[]
  /** What was left out of them, in plain words; undefined when nothing was. */
  recipientsNote?: string
  threadId?: string
  lookup: "idle" | "loading" | "done" | "error"
  lookupError?: string
  matches: ComposeMatch[]
  remembered?: string
  accountId?: string
  /** The chosen account's org (from its match). */
  apiHost?: string
  chosenBy?: ChosenBy
  /** The CSM asked to change the account: the chooser shows even with one chosen. */
  changing: boolean
  context?: ComposeContext
  contextLoading: boolean
  contextError?: string
  /** `step:…` / `template:…` picked by the CSM; undefined: the suggestion. */
  option?: string
  typed: ComposeInputs
  inserted?: Inserted
  insertError?: string
  mark?: StepMark
  /** The CSM's own expand/collapse choice; undefined: automatic (expanded when active). */
  expanded?: boolean
  /** A per-person value being saved to the profile, or why it was not (by merge field). */
  profileSaves: Partial<Record<MergeFieldName, { status: "saving" | "saved" | "error"; error?: string }>>
  /** Which events reach the panel's handlers: `deps.inputPolicy`, else a person's only. */
  inputPolicy: InputPolicy
  /** Send was held: the body still has these gap markers. */
  sendHeld?: { gaps: string[] }
  /** "Send anyway": the next Send goes through. */
  sendAllowed: boolean
  /** The team's snippet short names, asked the first time a `;` is typed; undefined: not yet. */
  snippetNames?: Partial<Record<SnippetKey, string>>
  /** Why a snippet just typed inserted nothing (no account yet, no recap due). */
  snippetNotice?: string

  setRecipients(recipients: Recipient[], threadId: string | undefined): Promise<void>
  choose(accountId: string, by: ChosenBy): Promise<void>
  startChange(): void
  cancelChange(): void
  selectOption(value: string | undefined): void
  setTyped(field: MergeFieldName, value: string): void
  /** A per-person value typed in the panel (name, signature …) goes to the profile, asked once. */
  saveToProfile(field: MergeFieldName, value: string): Promise<void>
  reloadContext(): Promise<void>
  /** The background says an account changed (`byViewId`: whose request changed it). */
  accountChanged(accountId: string, byViewId?: string): void
  setInserted(inserted: Inserted, option: string | undefined): void
  setInsertError(message: string | undefined): void
  undo(): void
  markStep(key: string): Promise<void>
  setExpanded(expanded: boolean | undefined): void
  /**
   * One event of a Send (see Compose.onSendAttempt) with the gap markers the body holds: true
   * when it must be held so the CSM sees the gaps before the email leaves.
   */
  sendAttempt(kind: SendKind, gaps: string[]): boolean
  /** The CSM chose to send with the gaps: the next Send is let through. */
  sendAnyway(): void
  dismissSendHeld(): void
  /** Asks the background for the snippet short names (once; an error leaves none). */
  loadSnippets(): Promise<void>
  setSnippetNotice(notice: string | undefined): void
}

export type SendKind = "press" | "release" | "click" | "key"

const emailKey = (recipients: readonly Recipient[], threadId?: string) =>
  `${recipients
    .map((r) => r.email.trim().toLowerCase())
    .sort()
    .join(",")}|${threadId ?? ""}`

export function createComposeStore(deps: ComposeStoreDeps = { ask: askBackground }): StoreApi<ComposeState> {
  const viewId = newViewId()
  let lookupKey: string | undefined
  let lookupGeneration = 0
  let contextGeneration = 0
  let snippetsLoading: Promise<void> | undefined

  return createStore<ComposeState>()((set, get) => {
    /** What every request about the chosen account carries: its org, and the recipients it matched through. */
    const about = (accountId: string) => ({
      accountId,
      apiHost: get().apiHost ?? "",
      recipients: get().recipients.map((r) => r.email)
    })
    const loadContext = async (accountId: string) => {
      const generation = ++contextGeneration
      set({ contextLoading: true, contextError: undefined })
      try {
        const context = await deps.ask("compose.context", about(accountId))
        if (generation !== contextGeneration) return
        set({ context, contextLoading: false })
      } catch (error) {
        if (generation !== contextGeneration) return
        set({ contextLoading: false, contextError: errorText(error) })
      }
    }

    return {
      recipients: [],
      lookup: "idle",
      matches: [],
      changing: false,
      contextLoading: false,
      typed: {},
      profileSaves: {},
      inputPolicy: deps.inputPolicy ?? personOnly,
      sendAllowed: false,

      async setRecipients(all, threadId) {
        const { kept: recipients, note } = usableRecipients(all)
        const key = emailKey(recipients, threadId)
        set({ recipients, recipientsNote: note, threadId })
        if (key === lookupKey) return
        lookupKey = key
        const generation = ++lookupGeneration
        if (recipients.length === 0 && !threadId) {
          set({ lookup: "idle", matches: [], remembered: undefined })
          if (get().chosenBy === "auto") set({ accountId: undefined, chosenBy: undefined, context: undefined })
          return
        }
        set({ lookup: "loading", lookupError: undefined })
        try {
          const answer = await deps.ask("compose.accounts", {
            emails: recipients.map((r) => r.email),
            ...(threadId ? { threadId } : {})
          })
          if (generation !== lookupGeneration) return
          set({ lookup: "done", matches: answer.matches, remembered: answer.remembered })
          if (get().chosenBy === "user") return
          const auto = autoSelect(answer.matches as AccountMatch[], answer.remembered)
          if (auto) {
            if (auto !== get().accountId) await get().choose(auto, answer.remembered === auto ? "remembered" : "auto")
          } else {
            set({ accountId: undefined, chosenBy: undefined, context: undefined })
          }
        } catch (error) {
          if (generation !== lookupGeneration) return
          set({ lookup: "error", lookupError: errorText(error) })
        }
      },

      async choose(accountId, by) {
        const previous = get().accountId
        const match = get().matches.find((m) => m.accountId === accountId)
        set({
          accountId,
          apiHost: match?.apiHost ?? (previous === accountId ? get().apiHost : undefined),
          chosenBy: by,
          changing: false,
          snippetNotice: undefined,
          ...(previous !== accountId
            ? { option: undefined, inserted: undefined, mark: undefined, context: undefined }
            : {})
        })
        const { threadId } = get()
        if (by === "user" && threadId) {
          deps.ask("compose.remember", { threadId, ...about(accountId) }).catch(() => undefined)
        }
        await loadContext(accountId)
      },

      startChange() {
        set({ changing: true })
      },

      cancelChange() {
        set({ changing: false })
      },

      selectOption(value) {
        set({ option: value, inserted: undefined, mark: undefined, insertError: undefined })
      },

      setTyped(field, value) {
        set({ typed: { ...get().typed, [field]: value } })
      },

      async saveToProfile(field, value) {
        const key = profileKeyOf(field)
        if (key === undefined || value.trim() === "") return
        const saves = (status: { status: "saving" | "saved" | "error"; error?: string }) =>
          set({ profileSaves: { ...get().profileSaves, [field]: status } })
        saves({ status: "saving" })
        try {
          const profile = await deps.ask("compose.profile", { profile: { [key]: value.trim() } })
          const context = get().context
          // Known from now on: the field leaves "To fill in", in this email and every next one.
          set({ ...(context ? { context: { ...context, profile } } : {}) })
          saves({ status: "saved" })
        } catch (error) {
          saves({ status: "error", error: errorText(error) })
        }
      },

      async reloadContext() {
        const { accountId } = get()
        if (accountId) await loadContext(accountId)
      },

      accountChanged(accountId, byViewId) {
        // This panel's own check-off: its answer is already in the context.
        if (byViewId === viewId) return
        if (accountId === "*" || accountId === get().accountId) void get().reloadContext()
        // Settings may have changed: the short names are asked again at the next `;`.
        if (accountId === "*") set({ snippetNames: undefined })
        // A newly cached account (or changed contacts) may now match the recipients.
        if (!get().accountId || accountId === "*") {
          lookupKey = undefined
          void get().setRecipients(get().recipients, get().threadId)
        }
      },

      setInserted(inserted, option) {
        // The pick is pinned: checking the step off must not switch the template under the CSM.
        set({ inserted, option, insertError: undefined, mark: undefined, snippetNotice: undefined })
        const { threadId, accountId } = get()
        if (threadId && accountId)
          deps.ask("compose.remember", { threadId, ...about(accountId) }).catch(() => undefined)
      },

      setInsertError(insertError) {
        set({ insertError })
      },

      undo() {
        const { inserted } = get()
        if (!inserted || inserted.undone) return
        try {
          inserted.undo()
          set({ inserted: { ...inserted, undone: true } })
        } catch (error) {
          set({ insertError: `Could not undo: ${errorText(error)}` })
        }
      },

      async markStep(key) {
        const { accountId } = get()
        if (!accountId) return
        set({ mark: { key, status: "saving" } })
        try {
          const view = await deps.ask("step.set", { ...about(accountId), key, done: true, viewId })
          const context = get().context
          if (get().accountId !== accountId) return
          set({ mark: { key, status: "done" }, ...(context ? { context: { ...context, view } } : {}) })
        } catch (error) {
          set({ mark: { key, status: "error", error: errorText(error) } })
        }
      },

      setExpanded(expanded) {
        set({ expanded })
      },

      sendAttempt(kind, gaps) {
        // A click is press, release, click: one answer for all three; the allowance ends with it.
        const ends = kind === "click" || kind === "key"
        if (gaps.length === 0) {
          if (get().sendHeld) set({ sendHeld: undefined })
          return false
        }
        if (get().sendAllowed) {
          if (ends) set({ sendAllowed: false, sendHeld: undefined })
          return false
        }
        if (kind === "press" || kind === "key" || !get().sendHeld) set({ sendHeld: { gaps }, expanded: true })
        return true
      },

      sendAnyway() {
        set({ sendAllowed: true })
      },

      dismissSendHeld() {
        set({ sendHeld: undefined, sendAllowed: false })
      },

      loadSnippets() {
        snippetsLoading ??= deps
          .ask("compose.snippets", {})
          .then((answer) => {
            const names: Partial<Record<SnippetKey, string>> = {}
            for (const key of SNIPPET_KEYS) if (typeof answer[key] === "string") names[key] = answer[key]
            set({ snippetNames: names })
          })
          .catch(() => set({ snippetNames: {} }))
          .finally(() => (snippetsLoading = undefined))
        return snippetsLoading
      },

      setSnippetNotice(snippetNotice) {
        set({ snippetNotice })
      }
    }
  })
}

export type ComposeStore = StoreApi<ComposeState>

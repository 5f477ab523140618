import * as z from "zod"

import { MANUAL_FACTS, type ManualFact } from "../domain/fact-sources"
import { AccountId, StepKey } from "../domain/facts"
import { Plan } from "../domain/plan"
import { Profile } from "../domain/profile"
import { TeamSettings } from "../domain/settings"

/**
 * Every message between the extension's contexts, as zod schemas: the one place a new message is
 * declared. Both ends validate (`safeParse`), so a content script compromised by a hostile page
 * cannot make the background do more than these shapes allow.
 */

/** Where the page says the account lives; the background re-checks it against the sender tab. */
export const AccountRef = z.strictObject({
  accountId: AccountId,
  /** `https://<org>.my.salesforce.com`, where the UI API is called. */
  apiHost: z.string().regex(/^https:\/\/[a-z0-9-]+(\.[a-z]+)?\.my\.salesforce\.com$/, "expected https://<org>.my.salesforce.com"),
  org: z.string().min(1).max(100),
  pageName: z.string().max(255).optional()
})
export type AccountRef = z.infer<typeof AccountRef>

const ManualFactName = z.enum(MANUAL_FACTS as [ManualFact, ...ManualFact[]])

export const FactSourceName = z.enum(["salesforce", "manual", "page"])

/** Why the Salesforce read did or did not work, in the CSM's words. */
export const ApiStatus = z.strictObject({
  state: z.enum(["ok", "unauthorized", "forbidden", "not_found", "bad_request", "network", "server", "no_session", "cached"]),
  message: z.string().max(1000).optional(),
  detail: z.string().max(1000).optional(),
  fetchedAt: z.number().optional()
})
export type ApiStatus = z.infer<typeof ApiStatus>

/** What a view of one account needs: the plan and where each fact came from. */
export const AccountView = z.strictObject({
  accountId: z.string(),
  name: z.string(),
  org: z.string().optional(),
  apiHost: z.string().optional(),
  today: z.string(),
  plan: Plan,
  facts: z.record(z.string(), z.unknown()),
  sources: z.record(z.string(), FactSourceName),
  manual: z.record(z.string(), z.unknown()),
  conflicts: z.array(z.strictObject({ fact: z.string(), salesforce: z.unknown(), manual: z.unknown(), using: z.enum(["salesforce", "manual"]) })),
  api: ApiStatus
})
export type AccountView = z.infer<typeof AccountView>

export const AccountSummary = z.strictObject({
  accountId: z.string(),
  name: z.string(),
  org: z.string().optional(),
  apiHost: z.string().optional(),
  stage: z.string(),
  overdue: z.number().int().nonnegative(),
  /** Steps due today (not yet overdue): the daily digest lists them. */
  dueToday: z.number().int().nonnegative().default(0),
  nextStep: z.strictObject({ key: z.string(), title: z.string(), due: z.string().nullable(), status: z.string() }).nullable(),
  situations: z.array(z.string()),
  lastSeenAt: z.number()
})
export type AccountSummary = z.infer<typeof AccountSummary>

/** Gmail compose panel (issue #5): an account the recipients belong to, and why. */
export const ComposeMatch = z.strictObject({
  accountId: z.string(),
  name: z.string(),
  kind: z.enum(["contact", "domain"]),
  /** The recipient that matched (the email greets this one). */
  email: z.string(),
  reason: z.string()
})
export type ComposeMatch = z.infer<typeof ComposeMatch>

/** What the compose panel drafts with: the account's view, the CSM's merge fields, the team's links and wording. */
export const ComposeContext = z.strictObject({
  view: AccountView,
  profile: z.strictObject({ name: z.string(), initials: z.string(), signature: z.string(), calendlyLink: z.string() }),
  links: z.record(z.string(), z.string()),
  templates: z.record(z.string(), z.strictObject({ subject: z.string(), body: z.string() }))
})
export type ComposeContext = z.infer<typeof ComposeContext>

const GmailThreadId = z.string().min(1).max(200)

/** Settings as a view sees them: what applies, what the organisation's policy locks, the CSM's profile. */
export const SettingsState = z.strictObject({
  settings: TeamSettings,
  /** Dotted leaf paths set by policy (`thresholds.surveyMrr`, `disabledRules`): shown disabled. */
  locked: z.array(z.string()),
  profile: Profile,
  defaults: TeamSettings.optional()
})
export type SettingsState = z.infer<typeof SettingsState>

export const SettingsChange = z.strictObject({ path: z.string(), from: z.unknown(), to: z.unknown() })
export type SettingsChange = z.infer<typeof SettingsChange>

export const ImportResult = z.strictObject({
  applied: z.boolean(),
  /** The file's settings version (older files were migrated). */
  fromVersion: z.number().int(),
  diff: z.array(SettingsChange),
  /** Where the file differs from a value the organisation's policy sets: the policy's value stays. */
  lockedKept: z.array(z.string())
})
export type ImportResult = z.infer<typeof ImportResult>

/** Requests to the background, by name, with the schema of their answer. */
export const REQUESTS = {
  ping: { request: z.strictObject({ name: z.literal("ping") }), response: z.strictObject({ ok: z.literal(true), from: z.literal("background") }) },
  /** The account's view; `refresh` also reads Salesforce (else cached facts only, for a fast first paint). */
  "account.view": {
    request: z.strictObject({ name: z.literal("account.view"), ref: AccountRef, refresh: z.boolean().default(false) }),
    response: AccountView
  },
  "step.set": {
    request: z.strictObject({ name: z.literal("step.set"), accountId: AccountId, key: StepKey, done: z.boolean() }),
    response: AccountView
  },
  "fact.set": {
    request: z.strictObject({
      name: z.literal("fact.set"),
      accountId: AccountId,
      fact: ManualFactName,
      /** null clears the manual entry. */
      value: z.unknown()
    }),
    response: AccountView
  },
  "accounts.list": {
    request: z.strictObject({ name: z.literal("accounts.list"), query: z.string().max(200).default("") }),
    response: z.array(AccountSummary)
  },
  /** Gmail recipients → cached accounts (contact emails, website domain), and the account remembered for the thread. */
  "compose.accounts": {
    request: z.strictObject({
      name: z.literal("compose.accounts"),
      emails: z.array(z.string().max(320)).max(100),
      threadId: GmailThreadId.optional()
    }),
    response: z.strictObject({ matches: z.array(ComposeMatch), remembered: z.string().optional() })
  },
  /** Remembers the account chosen for a Gmail thread. */
  "compose.remember": {
    request: z.strictObject({ name: z.literal("compose.remember"), threadId: GmailThreadId, accountId: AccountId }),
    response: z.strictObject({ ok: z.literal(true) })
  },
  /** The cached account's view with the profile, links and templates the compose panel merges. */
  "compose.context": {
    request: z.strictObject({ name: z.literal("compose.context"), accountId: AccountId }),
    response: ComposeContext
  },
  /** Team settings as they apply (defaults ⊕ stored ⊕ policy), the dotted paths the policy locks, the profile. */
  "settings.get": {
    request: z.strictObject({ name: z.literal("settings.get") }),
    response: SettingsState
  },
  /** A full or partial settings object; refused (paths named, nothing saved) when invalid or touching a locked path. Extension pages only. */
  "settings.save": {
    request: z.strictObject({ name: z.literal("settings.save"), settings: z.record(z.string(), z.unknown()) }),
    response: SettingsState
  },
  /** A full or partial profile; refused with paths when invalid. Extension pages only. */
  "profile.save": {
    request: z.strictObject({ name: z.literal("profile.save"), profile: z.record(z.string(), z.unknown()) }),
    response: Profile
  },
  /** The versioned settings file (`domain/settings-file.ts`). Extension pages only. */
  "settings.export": {
    request: z.strictObject({ name: z.literal("settings.export") }),
    response: z.strictObject({ fileName: z.string(), text: z.string() })
  },
  /** Previews (`apply: false`) or applies a settings file; a bad, foreign or newer file is refused with its paths. Extension pages only. */
  "settings.import": {
    request: z.strictObject({ name: z.literal("settings.import"), text: z.string().max(1_000_000), apply: z.boolean().default(false) }),
    response: ImportResult
  }
} as const

export type RequestName = keyof typeof REQUESTS
export type RequestOf<N extends RequestName> = z.input<(typeof REQUESTS)[N]["request"]>
export type ResponseOf<N extends RequestName> = z.output<(typeof REQUESTS)[N]["response"]>

type RequestSchema = (typeof REQUESTS)[RequestName]["request"]
export const AnyRequest = z.discriminatedUnion(
  "name",
  Object.values(REQUESTS).map((spec) => spec.request) as unknown as [RequestSchema, ...RequestSchema[]]
)
export type AnyRequest = { [N in RequestName]: z.output<(typeof REQUESTS)[N]["request"]> }[RequestName]

/** Every answer is wrapped: a handler's failure reaches the caller as a named, readable error. */
export const Envelope = z.discriminatedUnion("ok", [
  z.strictObject({ ok: z.literal(true), data: z.unknown() }),
  z.strictObject({ ok: z.literal(false), error: z.strictObject({ code: z.string(), message: z.string(), paths: z.array(z.string()).optional() }) })
])
export type Envelope = z.infer<typeof Envelope>

/** `account.changed` with this id: every account may have changed (settings, policy, profile). */
export const ALL_ACCOUNTS = "*"

/**
 * Pushed by the background to every open view when an account's facts or progress change.
 * `accountId: "*"` (`ALL_ACCOUNTS`) means every account may have changed — team settings, the
 * organisation's policy or the profile changed — so a view re-fetches whatever it shows.
 */
export const AccountChanged = z.strictObject({ name: z.literal("account.changed"), accountId: z.string() })
export type AccountChanged = z.infer<typeof AccountChanged>

// zod/mini: these schemas run in the content scripts too, whose bundles cannot afford classic zod.
import * as z from "zod/mini"

import { isAccountId, toId18 } from "../domain/ids"
import { Plan, ROLES } from "../domain/plan"
import type { CsmIdentity as DomainCsmIdentity } from "../domain/profile"
import { MANUAL_FACTS, STEP_KEY_PATTERN } from "../domain/fact-names"
import { MAX_ADDRESS_LENGTH, MAX_RECIPIENTS } from "../domain/recipients"
import { RULE_IDS } from "../domain/playbook/rule-ids"
import { SALESFORCE_ERROR_KINDS } from "../domain/salesforce-errors"
import type { SETTINGS_REQUESTS } from "./settings-protocol"
import type { TEAM_REQUESTS } from "./team-protocol"
import type { TODAY_REQUESTS } from "./today-protocol"

export type { ImportResult, SettingsChange, SettingsState } from "./settings-protocol"

/**
 * Every message between the extension's contexts, as zod schemas: the one place a new message is
 * declared. Both ends validate (`safeParse`), so a content script compromised by a hostile page
 * cannot make the background do more than these shapes allow. Messages for the options page
 * (team settings) are declared in `settings-protocol.ts`, with the full settings schema.
 */

const text = (max: number) => z.string().check(z.maxLength(max))
const count = () => z.int().check(z.nonnegative())

/** A 15- or 18-char Account id, handed on as the canonical 18 chars. */
export const AccountId = z.pipe(
  z
    .string()
    .check(
      z.refine(
        (id) => isAccountId(id.trim()) && toId18(id) !== undefined,
        "expected a 15- or 18-char Salesforce Account id (001…)"
      )
    ),
  z.transform((id: string) => toId18(id) as string)
)

/**
 * Names the view that sent a request (one per panel or popup, made when it starts): the
 * `account.changed` push about a change it made says so, and that view skips it, since the
 * answer to its own request already holds the new state.
 */
export const ViewId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, "expected a view id"))

export const StepKey = z.string().check(z.regex(STEP_KEY_PATTERN, "expected a step key like AD4 or TR2#2"))

/**
 * `https://<org>.my.salesforce.com`: where the UI API is called, and the org an account belongs
 * to. Also the My Domain hosts of the other Salesforce clouds and the Defender for Cloud Apps
 * proxy (`.mcas.ms`) a CSM may grant; the hosts' HOST_PAIRS list is pinned to this by a test
 * (test/unit/messages/protocol.api-origin.test.ts).
 */
export const ApiOrigin = z
  .string()
  .check(
    z.regex(
      /^https:\/\/[a-z0-9-]+(\.[a-z]+)?\.(my\.salesforce\.com|my\.salesforce\.mil|my-salesforce\.com|my\.sfcrmproducts\.cn)(\.mcas\.ms)?$/,
      "expected https://<org>.my.salesforce.com"
    )
  )

/**
 * The org of a cached account, with the id its key: an API origin, or "" for an account cached
 * before SOP Pilot recorded orgs (only its own pages may name that one).
 */
export const AccountOrg = z.union([ApiOrigin, z.literal("")])

/** Where the page says the account lives; the background re-checks it against the sender tab. */
export const AccountRef = z.strictObject({
  accountId: AccountId,
  apiHost: ApiOrigin,
  org: z.string().check(z.minLength(1), z.maxLength(100)),
  pageName: z.optional(text(255))
})
export type AccountRef = z.infer<typeof AccountRef>

const ManualFactName = z.enum(MANUAL_FACTS)

export const FactSourceName = z.enum(["salesforce", "manual", "page"])

/**
 * Why the Salesforce read did or did not work, in the CSM's words: `ok`, `cached` (not read yet),
 * or the failure by the client's own error kind, so a new kind reaches the views without a copy.
 */
export const ApiStatus = z.strictObject({
  state: z.enum(["ok", "cached", ...SALESFORCE_ERROR_KINDS]),
  message: z.optional(text(1000)),
  detail: z.optional(text(1000)),
  fetchedAt: z.optional(z.number()),
  /**
   * A read that worked, with fields whose values could not be used (MRR −3, an unknown picklist
   * value): each by fact and field, and whether the last good value was kept (issue 17).
   */
  problems: z.optional(
    z
      .array(
        z.strictObject({
          fact: text(80),
          field: text(300),
          message: text(500),
          kept: z.boolean()
        })
      )
      .check(z.maxLength(60))
  )
})
export type ApiStatus = z.infer<typeof ApiStatus>
export type FieldProblemStatus = NonNullable<ApiStatus["problems"]>[number]

/** Issue 12: the account's changes not yet in Salesforce (the outbox): how many wait and why, and each refused one. */
export const AccountWrites = z.strictObject({
  waiting: count(),
  reason: text(1000),
  /** When the next attempt is due (ms), after a failure. */
  nextAt: z.optional(z.number()),
  refused: z
    .array(z.strictObject({ seq: count(), what: text(500), message: text(1000), detail: text(1000) }))
    .check(z.maxLength(20))
})
export type AccountWrites = z.infer<typeof AccountWrites>

/** Who checked a step off in Salesforce (an `[SOP <key>]` Task's creator) and when (a date). */
export const DoneBy = z.strictObject({ by: text(255), on: text(10) })

/** What a view of one account needs: the plan and where each fact came from. */
export const AccountView = z.strictObject({
  accountId: z.string(),
  name: z.string(),
  org: z.optional(z.string()),
  apiHost: z.string(),
  today: z.string(),
  plan: Plan,
  facts: z.record(z.string(), z.unknown()),
  sources: z.record(z.string(), FactSourceName),
  manual: z.record(z.string(), z.unknown()),
  conflicts: z.array(
    z.strictObject({
      fact: z.string(),
      salesforce: z.unknown(),
      manual: z.unknown(),
      using: z.enum(["salesforce", "manual"])
    })
  ),
  api: ApiStatus,
  /** Changes waiting for Salesforce (absent: none). */
  writes: z.optional(AccountWrites),
  /** Steps an `[SOP <key>]` Task marks done: by whom, when. */
  doneBy: z.optional(z.record(z.string(), DoneBy)),
  /** The New-record pages of this plan's FO4 / CX1 / PD2 / UP2 steps, by rule, as the team set them. */
  newRecords: z.optional(
    z.record(
      z.string(),
      z.strictObject({
        object: text(80),
        recordTypeId: text(18),
        fields: z.array(z.strictObject({ field: text(80), value: text(1000) })).check(z.maxLength(30))
      })
    )
  ),
  /** Each rule's "how": its SOP section and the team's documents for it (issue 16, item 7). */
  howTo: z.optional(
    z.record(
      z.string(),
      z.strictObject({
        sop: text(100),
        section: text(200),
        documents: z.array(z.strictObject({ label: text(100), url: text(2000) })).check(z.maxLength(50))
      })
    )
  ),
  /** Facts a value typed in the panel can be written to, with the field in the CSM's words (write-back on). */
  writable: z.optional(z.record(z.string(), text(300)))
})
export type AccountView = z.infer<typeof AccountView>

export const AccountSummary = z.strictObject({
  accountId: z.string(),
  name: z.string(),
  org: z.optional(z.string()),
  apiHost: z.string(),
  stage: z.string(),
  overdue: count(),
  /** Steps due today (not yet overdue): the daily digest lists them. */
  dueToday: z._default(count(), 0),
  nextStep: z.nullable(
    z.strictObject({ key: z.string(), title: z.string(), due: z.nullable(z.string()), status: z.string() })
  ),
  situations: z.array(z.string()),
  lastSeenAt: z.number()
})
export type AccountSummary = z.infer<typeof AccountSummary>

/** Gmail compose panel (issue #5): an account the recipients belong to, and why. */
export const ComposeMatch = z.strictObject({
  accountId: z.string(),
  apiHost: z.string(),
  name: z.string(),
  kind: z.enum(["contact", "domain"]),
  /** The recipient that matched (the email greets this one). */
  email: z.string(),
  reason: z.string()
})
export type ComposeMatch = z.infer<typeof ComposeMatch>

/**
 * The CSM's merge fields on the wire: the domain's `CsmIdentity` (the profile's own fields),
 * declared again only because messages use zod/mini; the annotation keeps the two the same.
 */
export const CsmIdentity: z.ZodMiniType<DomainCsmIdentity> = z.strictObject({
  name: z.string(),
  initials: z.string(),
  signature: z.string(),
  calendlyLink: z.string(),
  role: z.optional(z.enum(ROLES))
})

/** What the compose panel drafts with: the account's view, the CSM's merge fields, the team's links and wording. */
export const ComposeContext = z.strictObject({
  view: AccountView,
  profile: CsmIdentity,
  links: z.record(z.string(), z.string()),
  templates: z.record(z.string(), z.strictObject({ subject: z.string(), body: z.string() }))
})
export type ComposeContext = z.infer<typeof ComposeContext>

/** Reading the whole book of business from Salesforce: how far it got, and since when the cache is. */
export const BookSync = z.strictObject({
  state: z.enum(["never", "syncing", "ok", "failed"]),
  /** Accounts read so far, of `total` (0 until the Accounts are listed). */
  done: count(),
  total: count(),
  /** When the book was last read in full (ms): the cached copy's age when offline. */
  syncedAt: z.optional(z.number()),
  /** REST requests the last sync sent. */
  requests: z.optional(count()),
  message: z.optional(text(1000))
})
export type BookSync = z.infer<typeof BookSync>

/** "Check this mapping on an account": each fact, where it came from, its value or its problem. */
export const MappingCheck = z.strictObject({
  status: ApiStatus,
  rows: z.array(
    z.strictObject({
      fact: z.string(),
      source: text(500),
      value: z.optional(z.unknown()),
      problem: z.optional(text(1000))
    })
  )
})
export type MappingCheck = z.infer<typeof MappingCheck>

const GmailThreadId = z.string().check(z.minLength(1), z.maxLength(200))

/**
 * A compose's recipients: the Gmail panel names them with every request about an account, and
 * the background answers only for an account they match.
 */
const Recipients = z.array(text(MAX_ADDRESS_LENGTH)).check(z.maxLength(MAX_RECIPIENTS))

/** Requests to the background, by name, with the schema of their answer. */
export const REQUESTS = {
  ping: {
    request: z.strictObject({ name: z.literal("ping") }),
    response: z.strictObject({ ok: z.literal(true), from: z.literal("background") })
  },
  /** The account's view; `refresh` also reads Salesforce (else cached facts only, for a fast first paint). */
  "account.view": {
    request: z.strictObject({
      name: z.literal("account.view"),
      ref: AccountRef,
      refresh: z._default(z.boolean(), false),
      viewId: z.optional(ViewId)
    }),
    response: AccountView
  },
  "step.set": {
    request: z.strictObject({
      name: z.literal("step.set"),
      accountId: AccountId,
      apiHost: AccountOrg,
      key: StepKey,
      done: z.boolean(),
      /** An event step (AD3, TR1#2 …) checked off: the day it happened (default today). */
      on: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD"))),
      viewId: z.optional(ViewId),
      /** From the Gmail panel: the recipients the account was matched through. */
      recipients: z.optional(Recipients)
    }),
    response: AccountView
  },
  "fact.set": {
    request: z.strictObject({
      name: z.literal("fact.set"),
      accountId: AccountId,
      apiHost: AccountOrg,
      fact: ManualFactName,
      /** null clears the manual entry. */
      value: z.unknown(),
      viewId: z.optional(ViewId)
    }),
    response: AccountView
  },
  /** Writes the CSM's value of a fact to its mapped Salesforce field (after the panel's confirmation). */
  "fact.write": {
    request: z.strictObject({
      name: z.literal("fact.write"),
      accountId: AccountId,
      apiHost: ApiOrigin,
      fact: ManualFactName,
      viewId: z.optional(ViewId)
    }),
    response: AccountView
  },
  /** Tries a change again now (`seq`), or every waiting change of the account's org. */
  "outbox.retry": {
    request: z.strictObject({
      name: z.literal("outbox.retry"),
      accountId: AccountId,
      apiHost: ApiOrigin,
      seq: z.optional(count())
    }),
    response: AccountView
  },
  /** Drops a change refused by Salesforce (what was done here stays). */
  "outbox.drop": {
    request: z.strictObject({
      name: z.literal("outbox.drop"),
      accountId: AccountId,
      apiHost: ApiOrigin,
      seq: count()
    }),
    response: AccountView
  },
  "accounts.list": {
    request: z.strictObject({ name: z.literal("accounts.list"), query: z._default(text(200), "") }),
    response: z.array(AccountSummary)
  },
  /** Reads the whole book from Salesforce now (extension pages only); answers when done. */
  "book.sync": {
    request: z.strictObject({ name: z.literal("book.sync") }),
    response: BookSync
  },
  /** Reads one account with the team's mapping and tells each fact's source and problem (options page only). */
  "mapping.check": {
    request: z.strictObject({ name: z.literal("mapping.check"), accountId: AccountId }),
    response: MappingCheck
  },
  /** How the last (or the running) book sync went. */
  "book.status": {
    request: z.strictObject({ name: z.literal("book.status") }),
    response: BookSync
  },
  /** The CSM's name and initials (account notes, case directives), from the profile. */
  "profile.identity": {
    request: z.strictObject({ name: z.literal("profile.identity") }),
    response: CsmIdentity
  },
  /** Gmail recipients → cached accounts (contact emails, website domain), and the account remembered for the thread. */
  "compose.accounts": {
    request: z.strictObject({
      name: z.literal("compose.accounts"),
      emails: Recipients,
      threadId: z.optional(GmailThreadId)
    }),
    response: z.strictObject({ matches: z.array(ComposeMatch), remembered: z.optional(z.string()) })
  },
  /**
   * A per-person value the CSM typed in the compose panel (their name, signature, Calendly link,
   * initials), saved to the profile so it is never a gap again. Only those four fields.
   */
  "compose.profile": {
    request: z.strictObject({
      name: z.literal("compose.profile"),
      profile: z.strictObject({
        name: z.optional(text(100)),
        initials: z.optional(text(4)),
        signature: z.optional(text(2000)),
        calendlyLink: z.optional(text(500))
      })
    }),
    response: CsmIdentity
  },
  /** Remembers the account chosen for a Gmail thread. */
  "compose.remember": {
    request: z.strictObject({
      name: z.literal("compose.remember"),
      threadId: GmailThreadId,
      accountId: AccountId,
      apiHost: AccountOrg,
      recipients: Recipients
    }),
    response: z.strictObject({ ok: z.literal(true) })
  },
  /** The team's snippet short names (`;recap` …): no account in them, asked before one is matched. */
  "compose.snippets": {
    request: z.strictObject({ name: z.literal("compose.snippets") }),
    response: z.record(z.string(), z.string())
  },
  /** Opens the packaged SOP at the section a rule comes from, in a new tab (no web-accessible page). */
  "sop.open": {
    request: z.strictObject({ name: z.literal("sop.open"), rule: z.enum(RULE_IDS) }),
    response: z.strictObject({ ok: z.literal(true) })
  },
  /** The cached account's view with the profile, links and templates the compose panel merges. */
  "compose.context": {
    request: z.strictObject({
      name: z.literal("compose.context"),
      accountId: AccountId,
      apiHost: AccountOrg,
      recipients: Recipients
    }),
    response: ComposeContext
  }
} as const

/** Every request the background answers: these, the options page's (`settings-protocol.ts`), the team page's and Today's. */
type AllRequests = typeof REQUESTS & typeof SETTINGS_REQUESTS & typeof TEAM_REQUESTS & typeof TODAY_REQUESTS
export type RequestName = keyof AllRequests
export type RequestOf<N extends RequestName> = z.input<AllRequests[N]["request"]>
export type ResponseOf<N extends RequestName> = z.output<AllRequests[N]["response"]>
export type AnyRequest = { [N in RequestName]: z.output<AllRequests[N]["request"]> }[RequestName]

/** Every answer is wrapped: a handler's failure reaches the caller as a named, readable error. */
export const Envelope = z.discriminatedUnion("ok", [
  z.strictObject({ ok: z.literal(true), data: z.unknown() }),
  z.strictObject({
    ok: z.literal(false),
    error: z.strictObject({ code: z.string(), message: z.string(), paths: z.optional(z.array(z.string())) })
  })
])
export type Envelope = z.infer<typeof Envelope>

/** `account.changed` with this id: every account may have changed (settings, policy, profile). */
export const ALL_ACCOUNTS = "*"

/**
 * Pushed by the background to every open view when an account's facts or progress change
 * (a check-off, a manual fact, a Salesforce read that changed the cache). `accountId: "*"`
 * (`ALL_ACCOUNTS`) means every account may have changed — team settings, the organisation's
 * policy or the profile changed — so a view re-fetches whatever it shows. `byViewId` names the
 * view whose request made the change: it has the new state in its answer already.
 */
export const AccountChanged = z.strictObject({
  name: z.literal("account.changed"),
  accountId: z.string(),
  byViewId: z.optional(z.string())
})
export type AccountChanged = z.infer<typeof AccountChanged>

/**
 * Sent by the background to the active tab on the `focus-panel` shortcut (src/background/commands.ts):
 * its SOP Pilot panel opens and takes the focus.
 */
export const PanelFocus = z.strictObject({ name: z.literal("panel.focus") })
export type PanelFocus = z.infer<typeof PanelFocus>

/** Pushed by the background while the book syncs (and when it ends): the popup shows the progress. */
export const BookProgress = z.strictObject({ name: z.literal("book.progress"), sync: BookSync })
export type BookProgress = z.infer<typeof BookProgress>

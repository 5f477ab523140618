import { PLAYBOOK } from "../domain/playbook"
import { identityOf } from "../domain/profile"
import { mayCheckOff } from "../domain/plan"
import { createPlanCache, settingsImpact } from "../domain/settings-impact"
import { parseSalesforceHost } from "../hosts/salesforce/url"
import type { AnyRequest, Envelope, MappingCheck, RequestName, ResponseOf } from "../messages/protocol"
import type { OrgFields } from "../messages/settings-protocol"
import { parseRequest } from "../messages/registry"
import { InputError, type AccountService } from "./account-service"
import type { BookSyncService } from "./book-sync"
import type { ComposeService } from "./compose-service"
import type { OutboxService } from "./outbox"
import type { SettingsService } from "./settings-service"
import type { TeamService } from "./team-service"
import type { TodayService } from "./today-service"

import { sopPagePath } from "../domain/playbook/sop-page"

/** Who sent a message, as far as the router cares. */
export interface Sender {
  /** Our own extension id: messages from elsewhere are refused. */
  id?: string
  /** The tab's URL for content scripts; absent for extension pages. */
  tabUrl?: string
  /** The sender's tab: its cookie store holds the session to use for it. */
  tabId?: number
}

export interface HandlerContext {
  sender: Sender
  accounts: AccountService
  /** The Gmail compose panel's service; absent in tests that only exercise accounts. */
  compose?: ComposeService
  /** Absent in tests that only exercise accounts. */
  settings?: SettingsService
  /** The whole book from Salesforce; absent in tests that only exercise accounts. */
  book?: BookSyncService
  /** "Check this mapping on an account"; absent in tests that only exercise accounts. */
  mapping?: MappingService
  /** The Team Lead's page; absent in tests that only exercise accounts. */
  team?: TeamService
  /** The Today list across the book (issue 16, item 9); absent in tests that only exercise accounts. */
  today?: TodayService
  /** Changes waiting for Salesforce (issue 12); absent in tests that only exercise accounts. */
  outbox?: Pick<OutboxService, "retry" | "drop">
  /** Opens an extension page in a new tab; absent in tests. */
  openTab?: (path: string) => Promise<void>
}

/** The options page's mapping check. */
export interface MappingService {
  check(accountId: string): Promise<MappingCheck>
  /** The org's fields of these objects, for the mapping editor. */
  fields?(objects: readonly string[]): Promise<OrgFields>
}

function settingsOf(context: HandlerContext): SettingsService {
  if (!context.settings) throw new Error("the settings service is not running")
  return context.settings
}

function bookOf(context: HandlerContext): BookSyncService {
  if (!context.book) throw new Error("the book sync is not running")
  return context.book
}

function teamOf(context: HandlerContext): TeamService {
  if (!context.team) throw new Error("the team service is not running")
  return context.team
}

function todayOf(context: HandlerContext): TodayService {
  if (!context.today) throw new Error("the Today list is not running")
  return context.today
}

function outboxOf(context: HandlerContext): NonNullable<HandlerContext["outbox"]> {
  if (!context.outbox) throw new Error("writing back to Salesforce is not running")
  return context.outbox
}

async function viewOrFail(context: HandlerContext, key: { apiHost: string; accountId: string }) {
  const view = await context.accounts.viewById(key)
  if (!view)
    throw new InputError("This account is not known to SOP Pilot yet: open it in Salesforce first.", ["accountId"])
  return view
}

function composeOf(context: HandlerContext): ComposeService {
  if (!context.compose) throw new Error("the compose service is not running")
  return context.compose
}

/** A Team Lead step (TL1, CX3 …) is checked off by a Team Lead only (issue 16, defect 4). */
async function mayCheck(key: string, context: HandlerContext): Promise<void> {
  const rule = PLAYBOOK.find((r) => r.id === key.split("#")[0])
  if (!rule || !context.settings) return
  const { profile } = await context.settings.get()
  if (!mayCheckOff(profile.role, rule))
    throw new ForbiddenError(
      `${key} is your Team Lead's to check off. A Team Lead sets "Your role" on SOP Pilot's options page.`,
      ["key"]
    )
}

/** A request the sender may not make: answered as `forbidden`. */
export class ForbiddenError extends Error {
  constructor(
    message: string,
    readonly paths: string[] = []
  ) {
    super(message)
  }
}

/**
 * Who is asking, from the URL Chrome reports for the sending frame (never from the message): one
 * of our own pages, a Salesforce page of one org, a Gmail page, or anything else.
 */
export type SenderKind =
  { kind: "extension" } | { kind: "salesforce"; apiHost: string } | { kind: "gmail" } | { kind: "other" }

export function senderKind(sender: Sender): SenderKind {
  if (sender.tabUrl === undefined) return { kind: "extension" }
  let url: URL
  try {
    url = new URL(sender.tabUrl)
  } catch {
    return { kind: "other" }
  }
  if (url.protocol !== "https:" || url.port !== "") return { kind: "other" }
  if (url.hostname === "mail.google.com") return { kind: "gmail" }
  const host = parseSalesforceHost(url.hostname)
  return host ? { kind: "salesforce", apiHost: `https://${host.myDomainHost}` } : { kind: "other" }
}

const ONLY_OWN_ORG = "This page may not read or change another org's accounts."
const ONLY_MATCHED = "This compose may only ask about an account its recipients belong to."
const ONLY_OPTIONS = "Settings can only be changed on SOP Pilot's options page."
const ONLY_TEAM_PAGE = "The team's book is shown on SOP Pilot's team page only."
const ONLY_TODAY = "The Today list is shown in SOP Pilot's popup and its own pages only."

type Who = SenderKind["kind"]

/** The book's plans under the saved settings, reused by each impact preview while typing. */
const currentPlans = createPlanCache()

/** An account request from a Salesforce page names its own org; from Gmail, an account its recipients match. */
async function mayAsk(
  who: SenderKind,
  key: { apiHost: string; accountId: string },
  recipients: readonly string[] | undefined,
  context: HandlerContext
): Promise<void> {
  if (who.kind === "extension") return
  if (who.kind === "salesforce") {
    if (key.apiHost !== who.apiHost) throw new ForbiddenError(ONLY_OWN_ORG, ["apiHost"])
    return
  }
  if (who.kind === "gmail" && recipients && (await composeOf(context).matches(recipients, key))) return
  throw new ForbiddenError(ONLY_MATCHED, ["accountId"])
}

function only(who: SenderKind, allowed: readonly Who[], message: string): void {
  if (!allowed.includes(who.kind)) throw new ForbiddenError(message)
}

type Handlers = {
  [N in RequestName]: (
    request: Extract<AnyRequest, { name: N }>,
    context: HandlerContext & { who: SenderKind }
  ) => Promise<ResponseOf<N>>
}

/**
 * One handler per message; TypeScript insists every message in the protocol has one. Each first
 * checks what its sender may ask (the message × sender table in test/unit/background/router.access.test.ts).
 */
const handlers: Handlers = {
  ping: async () => ({ ok: true, from: "background" }),
  "account.view": async (request, context) => {
    // The session of one org is never used on behalf of another org's page.
    if (context.who.kind !== "extension" && context.who.kind !== "salesforce")
      throw new ForbiddenError(ONLY_OWN_ORG, ["ref.apiHost"])
    if (context.who.kind === "salesforce" && context.who.apiHost !== request.ref.apiHost)
      throw new ForbiddenError("This page may not read another org's accounts.", ["ref.apiHost"])
    const { sender } = context
    return context.accounts.view(request.ref, request.refresh, {
      ...(sender.tabId === undefined ? {} : { tabId: sender.tabId }),
      ...(sender.tabUrl === undefined ? {} : { pageOrigin: new URL(sender.tabUrl).origin }),
      ...(request.viewId === undefined ? {} : { viewId: request.viewId })
    })
  },
  "step.set": async (request, context) => {
    await mayAsk(context.who, request, request.recipients, context)
    await mayCheck(request.key, context)
    return context.accounts.setStep(request, request.key, request.done, request.viewId, request.on)
  },
  "fact.write": async (request, context) => {
    only(context.who, ["extension", "salesforce"], ONLY_OWN_ORG)
    await mayAsk(context.who, request, undefined, context)
    return context.accounts.writeFact(request, request.fact, request.viewId)
  },
  "outbox.retry": async (request, context) => {
    only(context.who, ["extension", "salesforce"], ONLY_OWN_ORG)
    await mayAsk(context.who, request, undefined, context)
    await outboxOf(context).retry(request, request.seq)
    return viewOrFail(context, request)
  },
  "outbox.drop": async (request, context) => {
    only(context.who, ["extension", "salesforce"], ONLY_OWN_ORG)
    await mayAsk(context.who, request, undefined, context)
    await outboxOf(context).drop(request, request.seq)
    return viewOrFail(context, request)
  },
  "fact.set": async (request, context) => {
    only(context.who, ["extension", "salesforce"], ONLY_OWN_ORG)
    await mayAsk(context.who, request, undefined, context)
    return context.accounts.setFact(request, request.fact, request.value, request.viewId)
  },
  "accounts.list": async (request, context) => {
    only(context.who, ["extension", "salesforce"], "This page may not list the book of business.")
    // A Salesforce page lists its own org's accounts only.
    return context.accounts.list(request.query, context.who.kind === "salesforce" ? context.who.apiHost : undefined)
  },
  "compose.accounts": async (request, context) => {
    only(context.who, ["extension", "gmail"], "Only a Gmail compose matches recipients.")
    return composeOf(context).accounts(request.emails, request.threadId)
  },
  "compose.remember": async (request, context) => {
    only(context.who, ["extension", "gmail"], ONLY_MATCHED)
    await mayAsk(context.who, request, request.recipients, context)
    return composeOf(context).remember(request.threadId, request)
  },
  "compose.profile": async (request, context) => {
    only(context.who, ["extension", "gmail"], "Only SOP Pilot's pages and the Gmail panel save to the profile.")
    return identityOf(await settingsOf(context).saveProfile(request.profile))
  },
  "compose.snippets": async (_request, context) => {
    only(context.who, ["extension", "gmail"], "Only the Gmail panel expands snippets.")
    return composeOf(context).snippets()
  },
  "compose.context": async (request, context) => {
    only(context.who, ["extension", "gmail"], ONLY_MATCHED)
    await mayAsk(context.who, request, request.recipients, context)
    return composeOf(context).context(request)
  },
  "book.sync": async (_request, context) => {
    // A host page may not make the background spend the org's API requests.
    only(context.who, ["extension"], "The book of business is refreshed from SOP Pilot's popup only.")
    return bookOf(context).sync()
  },
  // How far the last sync got: no account in it.
  "book.status": async (_request, context) => bookOf(context).status(),
  "sop.open": async (request, context) => {
    only(context.who, ["extension", "salesforce"], "Only the Salesforce panel opens an SOP.")
    if (!context.openTab) throw new Error("opening tabs is not available")
    await context.openTab(sopPagePath(request.rule))
    return { ok: true as const }
  },
  // The team's book: a host page may neither read it nor spend the org's API requests on it.
  "team.view": async (_request, context) => {
    only(context.who, ["extension"], ONLY_TEAM_PAGE)
    return teamOf(context).view()
  },
  "team.sync": async (_request, context) => {
    only(context.who, ["extension"], ONLY_TEAM_PAGE)
    return teamOf(context).sync()
  },
  // Today across the book: every account of every org, so SOP Pilot's own pages only.
  "today.list": async (request, context) => {
    only(context.who, ["extension"], ONLY_TODAY)
    return todayOf(context).list(request.limit)
  },
  "today.snooze": async (request, context) => {
    only(context.who, ["extension"], ONLY_TODAY)
    return todayOf(context).snooze(request, request.key, request.until, request.limit)
  },
  "today.plan": async (request, context) => {
    only(context.who, ["extension"], ONLY_TODAY)
    return viewOrFail(context, request)
  },
  "mapping.check": async (request, context) => {
    only(context.who, ["extension"], "The mapping is checked on SOP Pilot's options page only.")
    if (!context.mapping) throw new Error("the mapping check is not running")
    return context.mapping.check(request.accountId)
  },
  "mapping.fields": async (request, context) => {
    // The org's schema costs API requests and says what the user may read: SOP Pilot's pages only.
    only(context.who, ["extension"], "The org's fields are read on SOP Pilot's options page only.")
    if (!context.mapping?.fields) throw new Error("the mapping editor's field list is not running")
    return context.mapping.fields(request.objects)
  },
  "profile.identity": async (_request, context) => {
    only(context.who, ["extension", "salesforce"], "This page may not read the CSM's profile.")
    return identityOf((await settingsOf(context).get()).profile)
  },
  "settings.get": async (_request, context) => {
    only(context.who, ["extension"], "Settings are read on SOP Pilot's own pages only.")
    return settingsOf(context).get()
  },
  "settings.save": async (request, context) => {
    only(context.who, ["extension"], ONLY_OPTIONS)
    return settingsOf(context).save(request.settings)
  },
  "profile.save": async (request, context) => {
    only(context.who, ["extension"], ONLY_OPTIONS)
    return settingsOf(context).saveProfile(request.profile)
  },
  "settings.export": async (_request, context) => {
    only(context.who, ["extension"], ONLY_OPTIONS)
    return settingsOf(context).exportFile()
  },
  "settings.import": async (request, context) => {
    only(context.who, ["extension"], ONLY_OPTIONS)
    return settingsOf(context).importFile(request.text, request.apply)
  },
  "settings.impact": async (request, context) => {
    only(context.who, ["extension"], ONLY_OPTIONS)
    const [{ current, next }, book] = await Promise.all([
      settingsOf(context).proposed(request.change),
      context.accounts.book()
    ])
    return settingsImpact(book.facts, book.today, current, next, currentPlans.outliner(current, book.today))
  }
}

/**
 * Validates a message, checks its sender, and runs its handler. Every failure comes back as a
 * named error in the envelope; nothing throws into the caller's context.
 */
export async function route(
  raw: unknown,
  sender: Sender,
  ownId: string,
  accounts: AccountService,
  services: {
    settings?: SettingsService
    compose?: ComposeService
    book?: BookSyncService
    mapping?: MappingService
    team?: TeamService
    today?: TodayService
    outbox?: HandlerContext["outbox"]
    openTab?: HandlerContext["openTab"]
  } = {}
): Promise<Envelope> {
  if (sender.id !== ownId)
    return { ok: false, error: { code: "forbidden", message: "Messages from other extensions are not accepted." } }
  const parsed = parseRequest(raw)
  if (!parsed.ok) {
    const { errors } = parsed
    return {
      ok: false,
      error: {
        code: "invalid_request",
        message: errors.map((e) => `${e.path}: ${e.message}`).join("\n"),
        paths: errors.map((e) => e.path)
      }
    }
  }
  const { request } = parsed
  try {
    const handler = handlers[request.name] as (
      request: AnyRequest,
      context: HandlerContext & { who: SenderKind }
    ) => Promise<unknown>
    return { ok: true, data: await handler(request, { sender, accounts, ...services, who: senderKind(sender) }) }
  } catch (error) {
    if (error instanceof ForbiddenError)
      return { ok: false, error: { code: "forbidden", message: error.message, paths: error.paths } }
    if (error instanceof InputError)
      return { ok: false, error: { code: "invalid_input", message: error.message, paths: error.paths } }
    return {
      ok: false,
      error: { code: "internal", message: `SOP Pilot could not do that: ${(error as Error).message}` }
    }
  }
}

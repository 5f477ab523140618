import { identityOf } from "../domain/profile"
import { parseSalesforceHost } from "../hosts/salesforce/url"
import type { AnyRequest, Envelope, MappingCheck, RequestName, ResponseOf } from "../messages/protocol"
import { parseRequest } from "../messages/registry"
import { InputError, type AccountService } from "./account-service"
import type { BookSyncService } from "./book-sync"
import type { ComposeService } from "./compose-service"
import type { SettingsService } from "./settings-service"

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
}

/** The options page's mapping check. */
export interface MappingService {
  check(accountId: string): Promise<MappingCheck>
}

/** Team settings and the profile are written from extension pages (options, popup) only, never from a host page. */
function extensionPageOnly(sender: Sender): void {
  if (sender.tabUrl !== undefined) throw new ForbiddenError("Settings can only be changed on SOP Pilot's options page.")
}

function settingsOf(context: HandlerContext): SettingsService {
  if (!context.settings) throw new Error("the settings service is not running")
  return context.settings
}

function bookOf(context: HandlerContext): BookSyncService {
  if (!context.book) throw new Error("the book sync is not running")
  return context.book
}

function composeOf(context: HandlerContext): ComposeService {
  if (!context.compose) throw new Error("the compose service is not running")
  return context.compose
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

type Handlers = {
  [N in RequestName]: (request: Extract<AnyRequest, { name: N }>, context: HandlerContext) => Promise<ResponseOf<N>>
}

/** One handler per message; TypeScript insists every message in the protocol has one. */
const handlers: Handlers = {
  ping: async () => ({ ok: true, from: "background" }),
  "account.view": async (request, { sender, accounts }) => {
    // A content script may only ask about the org of the page it runs in: the session of one org
    // is never used on behalf of another org's page.
    if (sender.tabUrl !== undefined) {
      const host = parseSalesforceHost(new URL(sender.tabUrl).hostname)
      if (!host || `https://${host.myDomainHost}` !== request.ref.apiHost) {
        throw new ForbiddenError("This page may not read another org's accounts.", ["ref.apiHost"])
      }
    }
    return accounts.view(request.ref, request.refresh, {
      ...(sender.tabId === undefined ? {} : { tabId: sender.tabId }),
      ...(sender.tabUrl === undefined ? {} : { pageOrigin: new URL(sender.tabUrl).origin }),
      ...(request.viewId === undefined ? {} : { viewId: request.viewId })
    })
  },
  "step.set": async (request, { accounts }) =>
    accounts.setStep(request.accountId, request.key, request.done, request.viewId),
  "fact.set": async (request, { accounts }) =>
    accounts.setFact(request.accountId, request.fact, request.value, request.viewId),
  "accounts.list": async (request, { accounts }) => accounts.list(request.query),
  "compose.accounts": async (request, context) => composeOf(context).accounts(request.emails, request.threadId),
  "compose.remember": async (request, context) => composeOf(context).remember(request.threadId, request.accountId),
  "compose.context": async (request, context) => composeOf(context).context(request.accountId),
  "book.sync": async (_request, context) => {
    // A host page may not make the background spend the org's API requests.
    if (context.sender.tabUrl !== undefined)
      throw new ForbiddenError("The book of business is refreshed from SOP Pilot's popup only.")
    return bookOf(context).sync()
  },
  "book.status": async (_request, context) => bookOf(context).status(),
  "mapping.check": async (request, context) => {
    if (context.sender.tabUrl !== undefined)
      throw new ForbiddenError("The mapping is checked on SOP Pilot's options page only.")
    if (!context.mapping) throw new Error("the mapping check is not running")
    return context.mapping.check(request.accountId)
  },
  "profile.identity": async (_request, context) => identityOf((await settingsOf(context).get()).profile),
  "settings.get": async (_request, context) => settingsOf(context).get(),
  "settings.save": async (request, context) => {
    extensionPageOnly(context.sender)
    return settingsOf(context).save(request.settings)
  },
  "profile.save": async (request, context) => {
    extensionPageOnly(context.sender)
    return settingsOf(context).saveProfile(request.profile)
  },
  "settings.export": async (_request, context) => {
    extensionPageOnly(context.sender)
    return settingsOf(context).exportFile()
  },
  "settings.import": async (request, context) => {
    extensionPageOnly(context.sender)
    return settingsOf(context).importFile(request.text, request.apply)
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
    const handler = handlers[request.name] as (request: AnyRequest, context: HandlerContext) => Promise<unknown>
    return { ok: true, data: await handler(request, { sender, accounts, ...services }) }
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

/**
 * Gmail recipients → SOP Pilot accounts (issue #5). Pure: no chrome, DOM or zod, so the Gmail
 * content script and the background share it.
 *
 * An account matches a recipient when
 * 1. **contact**: the address is one of the account's `contactEmails` (exact, case-insensitive), or
 * 2. **domain**: the address's registrable domain is the registrable domain of the account's
 *    `website` (`https://www.acmedental.example/` ↔ `dana@acmedental.example`, and
 *    `dana@mail.acmedental.example` too), unless that domain is a free mail provider
 *    (`gmail.com`, `outlook.com` …): everybody writes from those, so they say nothing about the
 *    account.
 *
 * **Registrable domain, "-ish"**: the last two labels of the host name (`mail.acme.com` →
 * `acme.com`), or the last three when the second-to-last label is a generic second level under a
 * two-letter country code (`co`, `com`, `org`, `net`, `ac`, `gov`, `edu`, `ltd`, `plc`, `nhs`,
 * `med`: `clinic.acme.co.uk` → `acme.co.uk`, `acme.com.au`). This is not the Public Suffix List
 * (which would cost ~100 KB in the Gmail bundle); it is right for the company domains CSMs write
 * to, and a wrong guess costs one click in the panel's chooser, never a wrong email.
 */

/** Free mail providers: a recipient at one of these never matches an account by domain. */
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  "gmail.com",
  "googlemail.com",
  "outlook.com",
  "hotmail.com",
  "hotmail.co.uk",
  "live.com",
  "msn.com",
  "yahoo.com",
  "yahoo.co.uk",
  "ymail.com",
  "rocketmail.com",
  "aol.com",
  "icloud.com",
  "me.com",
  "mac.com",
  "proton.me",
  "protonmail.com",
  "pm.me",
  "gmx.com",
  "gmx.net",
  "gmx.de",
  "mail.com",
  "zoho.com",
  "yandex.com",
  "yandex.ru",
  "comcast.net",
  "att.net",
  "sbcglobal.net",
  "verizon.net",
  "bellsouth.net",
  "cox.net",
  "charter.net",
  "earthlink.net",
  "fastmail.com",
  "hey.com",
  "qq.com",
  "163.com",
  "web.de"
])

const SECOND_LEVELS = new Set(["co", "com", "org", "net", "ac", "gov", "edu", "ltd", "plc", "nhs", "med"])
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/
// One @, something before it, a host with a dot after it. Deliberately loose: Gmail shows what
// it has, and an address that is not quite RFC 5322 still has a domain to compare.
const ADDRESS = /^[^\s@<>(),;:"]+@([^\s@<>(),;:"]+)$/

/** `Dana <Dana@Acme.example>` / ` dana@acme.example ` → `dana@acme.example`; anything else → undefined. */
export function normaliseEmail(text: string): string | undefined {
  const angle = /<([^<>]*)>\s*$/.exec(text)
  const candidate = (angle ? (angle[1] ?? "") : text)
    .trim()
    .replace(/^mailto:/i, "")
    .toLowerCase()
  const match = ADDRESS.exec(candidate)
  if (!match) return undefined
  return hostName(match[1] ?? "") ? candidate.replace(/\.$/, "") : undefined
}

/**
 * What a CSM types or Gmail keeps per recipient: `Dana Whitfield <dana@acme.example>` →
 * `{ email, name }`, `dana@acme.example` → `{ email }`. Anything else, a half-typed
 * `Dana <dana@acme.example` included, is no address (undefined). The address check is
 * `normaliseEmail`'s, the one every recipient passes.
 */
export function parseAddress(text: string): { email: string; name?: string } | undefined {
  const trimmed = text.trim()
  const angle = /^([^<>]*)<([^<>]*)>$/.exec(trimmed)
  const email = normaliseEmail(angle ? (angle[2] ?? "") : trimmed)
  if (email === undefined) return undefined
  const name = angle?.[1]?.replace(/^["'\s]+|["'\s]+$/g, "")
  return name ? { email, name } : { email }
}

/** A lower-case host name with at least two valid labels, without a trailing dot; else undefined. */
function hostName(text: string): string | undefined {
  const host = text.trim().toLowerCase().replace(/\.$/, "")
  const labels = host.split(".")
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return undefined
  // A numeric TLD means an IP address: no company domain to compare.
  if (/^\d+$/.test(labels[labels.length - 1] ?? "")) return undefined
  return host
}

/** The domain part of an address (`dana@mail.acme.com` → `mail.acme.com`), or undefined. */
export function emailDomain(email: string): string | undefined {
  const normalised = normaliseEmail(email)
  return normalised ? normalised.slice(normalised.lastIndexOf("@") + 1) : undefined
}

/** The host of a website field (`https://www.acme.com/about`, `acme.com`, `WWW.ACME.COM`), or undefined. */
export function websiteHost(website: string): string | undefined {
  const text = website.trim()
  if (text === "") return undefined
  let host: string
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`).hostname
  } catch {
    return undefined
  }
  return hostName(host)
}

/** See the module comment: `mail.acme.com` → `acme.com`, `x.acme.co.uk` → `acme.co.uk`. */
export function registrableDomain(host: string): string | undefined {
  const clean = hostName(host)
  if (!clean) return undefined
  const labels = clean.split(".")
  const tld = labels[labels.length - 1] ?? ""
  const second = labels[labels.length - 2] ?? ""
  const keep = tld.length === 2 && SECOND_LEVELS.has(second) && labels.length >= 3 ? 3 : 2
  return labels.slice(-keep).join(".")
}

/** True for a free mail provider's domain (or a subdomain of one). */
export function isFreeMailDomain(host: string): boolean {
  const clean = hostName(host)
  if (!clean) return false
  const registrable = registrableDomain(clean)
  return FREE_MAIL_DOMAINS.has(clean) || (registrable !== undefined && FREE_MAIL_DOMAINS.has(registrable))
}

/** What matching needs to know about an account (from its merged facts). */
export interface MatchableAccount {
  accountId: string
  name: string
  website?: string
  contactEmails: readonly string[]
}

export type MatchKind = "contact" | "domain"

export interface AccountMatch {
  accountId: string
  name: string
  kind: MatchKind
  /** The recipient address that matched. */
  email: string
  /** For the CSM: "dana@acme.example is a contact of this account" / "… is at acme.example, the account's website". */
  reason: string
}

const KIND_RANK: Record<MatchKind, number> = { contact: 0, domain: 1 }

/**
 * The accounts the recipients belong to, best first: contact matches before domain matches, then
 * in the order of the recipients (the first To address is the admin), then by name. One entry per
 * account, with its best reason. Blank or malformed addresses are ignored.
 */
export function matchAccounts(emails: readonly string[], accounts: readonly MatchableAccount[]): AccountMatch[] {
  const recipients: string[] = []
  for (const raw of emails) {
    const email = normaliseEmail(raw)
    if (email && !recipients.includes(email)) recipients.push(email)
  }
  if (recipients.length === 0) return []

  const best = new Map<string, AccountMatch & { order: number }>()
  const offer = (match: AccountMatch, order: number) => {
    const current = best.get(match.accountId)
    if (
      !current ||
      KIND_RANK[match.kind] < KIND_RANK[current.kind] ||
      (match.kind === current.kind && order < current.order)
    ) {
      best.set(match.accountId, { ...match, order })
    }
  }

  for (const account of accounts) {
    const contacts = new Set(
      account.contactEmails.map((e) => normaliseEmail(e)).filter((e): e is string => e !== undefined)
    )
    const siteHost = account.website ? websiteHost(account.website) : undefined
    const site = siteHost && !isFreeMailDomain(siteHost) ? registrableDomain(siteHost) : undefined
    recipients.forEach((email, order) => {
      if (contacts.has(email)) {
        offer(
          {
            accountId: account.accountId,
            name: account.name,
            kind: "contact",
            email,
            reason: `${email} is a contact of this account`
          },
          order
        )
        return
      }
      const domain = email.slice(email.lastIndexOf("@") + 1)
      if (site && !isFreeMailDomain(domain) && registrableDomain(domain) === site) {
        offer(
          {
            accountId: account.accountId,
            name: account.name,
            kind: "domain",
            email,
            reason: `${email} is at ${site}, the account's website`
          },
          order
        )
      }
    })
  }

  return [...best.values()]
    .sort((a, b) => KIND_RANK[a.kind] - KIND_RANK[b.kind] || a.order - b.order || a.name.localeCompare(b.name))
    .map(({ order: _order, ...match }) => match)
}

/**
 * Which account to show without asking:
 * 1. the one remembered for this thread, unless a recipient is a listed contact of another
 *    account and none of the remembered one (the CSM chose for this thread; a contact address
 *    is the one thing that says otherwise);
 * 2. else the only best match (a single contact match beats any domain matches);
 * 3. else none, and the CSM chooses among `matches`.
 */
export function autoSelect(matches: readonly AccountMatch[], remembered?: string): string | undefined {
  if (remembered) {
    const contacts = matches.filter((m) => m.kind === "contact")
    if (contacts.length === 0 || matches.some((m) => m.accountId === remembered)) return remembered
  }
  const first = matches[0]
  if (!first) return undefined
  const tied = matches.filter((m) => m.kind === first.kind && m.email === first.email)
  return tied.length === 1 ? first.accountId : undefined
}

/** What one compose's lookup may name (the messages' limits): more is clipped, with a note. */
export const MAX_RECIPIENTS = 100
/** Longer than any address (RFC 5321 allows 254): such a "recipient" is not one. */
export const MAX_ADDRESS_LENGTH = 320

/**
 * The recipients a compose's lookup uses: an address over MAX_ADDRESS_LENGTH is left out, and
 * only the first MAX_RECIPIENTS are kept, so one odd recipient never stops all matching (issue 17).
 * `note` says in plain words what was left out.
 */
export function usableRecipients<R extends { email: string }>(recipients: readonly R[]): { kept: R[]; note?: string } {
  const short = recipients.filter((r) => r.email.length <= MAX_ADDRESS_LENGTH)
  const tooLong = recipients.length - short.length
  const kept = short.slice(0, MAX_RECIPIENTS)
  const over = short.length - kept.length
  const parts: string[] = []
  if (tooLong > 0)
    parts.push(
      `${tooLong === 1 ? "1 address is" : `${tooLong} addresses are`} longer than ${MAX_ADDRESS_LENGTH} characters and left out`
    )
  if (over > 0) parts.push(`only the first ${MAX_RECIPIENTS} recipients are matched (${over} more left out)`)
  if (parts.length === 0) return { kept }
  const text = parts.join("; ")
  return { kept, note: `${text.charAt(0).toUpperCase()}${text.slice(1)}.` }
}

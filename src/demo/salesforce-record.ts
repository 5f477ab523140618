/**
 * The demo's (and the end-to-end tests') Salesforce: an Account's facts written out as the UI API
 * record resource answers them,
 *   GET /services/data/v62.0/ui-api/records/<id>?optionalFields=Account.Name,…
 *   → { apiName: "Account", id, fields: { Name: { value, displayValue }, … }, eTag, … }
 * — the inverse of `factsFromRecord` (src/hosts/salesforce/record-facts.ts). Pure: no clock, no I/O.
 *
 * Only facts the field mapping sends to Salesforce are there: a mapped fact without a value is
 * the field with `value: null` (as Salesforce answers an empty field); an unmapped fact (`""` in
 * the mapping: training dates, risk signals, progress …) is not in Salesforce at all.
 */
import { DATE_FACTS, type AccountFactsInput, type DateFact } from "../domain/facts"
import { toId18 } from "../domain/ids"
import {
  DEFAULT_FIELD_MAPPING,
  DEFAULT_SETTINGS,
  MAPPABLE_FACTS,
  type MappableFact,
  type SalesforceSettings
} from "../domain/settings"

export interface UiApiFieldJson {
  value: string | number | null
  displayValue: string | null
}

export interface UiApiRecordJson {
  apiName: "Account"
  childRelationships: Record<string, never>
  eTag: string
  fields: Record<string, UiApiFieldJson>
  /** 18-char id. */
  id: string
  lastModifiedById: string
  lastModifiedDate: string
  recordTypeId: string
  recordTypeInfo: null
  systemModstamp: string
  weakEtag: number
}

export interface UiApiRecordOptions {
  /** ISO date-time of the last change. Default: noon UTC on the latest date among the record's fields. */
  lastModifiedDate?: string
}

/** Picklist label of one of our keys: "credentialing_software" → "Credentialing Software". */
export const picklistLabel = (key: string): string =>
  key
    .split("_")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(" ")

/** The Package__c picklist: the SMB package is "SMB Starter" in Salesforce, the other one "Standard". */
export const PACKAGE_LABELS = { smb: "SMB Starter", standard: "Standard" } as const

const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" })

/** An amount as Salesforce shows a currency field to an en_US user: 1250 → "$1,250.00". */
export const usd = (amount: number): string => money.format(amount)

/** "2026-03-02" → "3/2/2026", as Salesforce formats a date for a user in the en_US locale. */
function usDate(iso: string): string {
  const [year, month, day] = iso.split("-")
  return `${Number(month)}/${Number(day)}/${year}`
}

const isDateFact = (fact: MappableFact): fact is DateFact => (DATE_FACTS as readonly string[]).includes(fact)

const field = (value: string | number, displayValue: string | null): UiApiFieldJson => ({ value, displayValue })
const EMPTY: UiApiFieldJson = { value: null, displayValue: null }

/** One fact as its Salesforce field; EMPTY when the account has no value for it. */
function fieldFor(facts: AccountFactsInput, fact: MappableFact): UiApiFieldJson {
  if (isDateFact(fact)) {
    const date = facts[fact]
    return date === undefined ? EMPTY : field(date, usDate(date))
  }
  switch (fact) {
    case "name":
      return field(facts.name, null)
    case "website":
      return facts.website === undefined ? EMPTY : field(facts.website, null)
    case "mrr":
      return facts.mrr === undefined ? EMPTY : field(facts.mrr, usd(facts.mrr))
    case "users":
      return facts.users === undefined ? EMPTY : field(facts.users, String(facts.users))
    case "products": {
      // An empty multi-select picklist is null in Salesforce, never "".
      if (facts.products === undefined || facts.products.length === 0) return EMPTY
      const labels = facts.products.map(picklistLabel).join(";")
      return field(labels, labels)
    }
    case "serviceLevel":
      return facts.serviceLevel === undefined
        ? EMPTY
        : field(picklistLabel(facts.serviceLevel), picklistLabel(facts.serviceLevel))
    case "package":
      return facts.package === undefined ? EMPTY : field(PACKAGE_LABELS[facts.package], PACKAGE_LABELS[facts.package])
  }
}

/** A stable 32-hex-digit tag of the fields (FNV-1a, four seeds): same fields, same eTag. */
function etagOf(text: string): string {
  let out = ""
  for (const seed of [0x811c9dc5, 0x01000193, 0x050c5d1f, 0x1b873593]) {
    let hash = seed >>> 0
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0
    out += hash.toString(16).padStart(8, "0")
  }
  return out
}

/** The latest date among the record's own date fields (what a last edit would have set). */
function latestDate(fields: Record<string, UiApiFieldJson>): string {
  const dates = Object.values(fields)
    .map((f) => f.value)
    .filter((value): value is string => typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value))
  return dates.sort().at(-1) ?? "2026-01-01"
}

/**
 * The UI API record of one Account with every mapped field (in MAPPABLE_FACTS order, each field
 * once, spelt as the mapping spells it). Throws on an id that is not a Salesforce id.
 */
export function uiApiRecordFor(
  facts: AccountFactsInput,
  mapping: Record<MappableFact, string> = DEFAULT_FIELD_MAPPING,
  options: UiApiRecordOptions = {}
): UiApiRecordJson {
  const id = toId18(facts.id)
  if (id === undefined) throw new Error(`uiApiRecordFor: not a Salesforce id: ${facts.id}`)
  const fields: Record<string, UiApiFieldJson> = {}
  for (const fact of MAPPABLE_FACTS) {
    const name = mapping[fact].trim()
    if (name === "" || Object.keys(fields).some((known) => known.toLowerCase() === name.toLowerCase())) continue
    fields[name] = fieldFor(facts, fact)
  }
  const modified = options.lastModifiedDate ?? `${latestDate(fields)}T12:00:00.000Z`
  return {
    apiName: "Account",
    childRelationships: {},
    eTag: etagOf(JSON.stringify(fields)),
    fields,
    id,
    lastModifiedById: "005Hs00000OwnrQIAR",
    lastModifiedDate: modified,
    recordTypeId: "012000000000000AAA",
    recordTypeInfo: null,
    systemModstamp: modified,
    weakEtag: Date.parse(modified)
  }
}

/**
 * The facts Salesforce holds for an account under `mapping`: those a panel reads from the UI API.
 * The rest (training dates, risk signals, survey dates …) are entered in the panel.
 */
export function mappedFactsOf(
  facts: AccountFactsInput,
  mapping: Record<MappableFact, string> = DEFAULT_FIELD_MAPPING
): Partial<AccountFactsInput> {
  const mapped: Record<string, unknown> = {}
  for (const fact of MAPPABLE_FACTS) {
    const value = facts[fact]
    if (mapping[fact].trim() === "" || value === undefined) continue
    if (Array.isArray(value) && value.length === 0) continue
    mapped[fact] = value
  }
  return mapped as Partial<AccountFactsInput>
}

/**
 * Whether an org set up as `salesforce` says describes holds this fact: on an Account field, on
 * a related record (Onboarding__c, Adoption__c, Case), or as its contacts' emails. The rest
 * (tier, franchise, training dates, risk signals) is entered in the panel.
 */
export function orgHolds(fact: string, salesforce: SalesforceSettings = DEFAULT_SETTINGS.salesforce): boolean {
  if (fact === "contactEmails") return salesforce.contacts.object !== ""
  if (!(MAPPABLE_FACTS as readonly string[]).includes(fact)) return false
  return salesforce.fieldMapping[fact as MappableFact].trim() !== "" || salesforce.related.some((s) => s.fact === fact)
}

/** The facts the whole org holds for an account (the Account and its related records): what a read gives. */
export function orgFactsOf(
  facts: AccountFactsInput,
  salesforce: SalesforceSettings = DEFAULT_SETTINGS.salesforce
): Partial<AccountFactsInput> {
  const held: Record<string, unknown> = {}
  for (const [fact, value] of Object.entries(facts)) {
    if (value === undefined || !orgHolds(fact, salesforce)) continue
    if (Array.isArray(value) && value.length === 0) continue
    held[fact] = value
  }
  return held as Partial<AccountFactsInput>
}

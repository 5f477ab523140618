import * as z from "zod"

export { CSM_TIERS, DATE_FACTS, PACKAGES, PRODUCTS, RISK_SIGNALS, SERVICE_LEVELS, type DateFact } from "./fact-names"
import {
  CSM_TIERS,
  DATE_FACTS,
  PACKAGES,
  PRODUCTS,
  RISK_SIGNALS,
  SERVICE_LEVELS,
  STEP_KEY_PATTERN,
  type DateFact
} from "./fact-names"

import { isAccountId, toId18 } from "./ids"
import { isoDate, parseWith, type Parsed } from "./parse"

export const Product = z.enum(PRODUCTS)
export type Product = z.infer<typeof Product>

export const ServiceLevel = z.enum(SERVICE_LEVELS)
export type ServiceLevel = z.infer<typeof ServiceLevel>

export const Package = z.enum(PACKAGES)
export type Package = z.infer<typeof Package>

export const CsmTier = z.enum(CSM_TIERS)
export type CsmTier = z.infer<typeof CsmTier>

export const RiskSignal = z.enum(RISK_SIGNALS)
export type RiskSignal = z.infer<typeof RiskSignal>

/** A progress key: a rule id, optionally with its occurrence (`AD4`, `TR2#2`, `FO5#3`). */
export const StepKey = z.string().regex(STEP_KEY_PATTERN, "expected a step key like AD4 or TR2#2")
export type StepKey = z.infer<typeof StepKey>

/** Accepts a 15- or 18-char Account id and hands on the canonical 18-char form. */
export const AccountId = z
  .string()
  .refine(
    (value) => isAccountId(value.trim()) && toId18(value) !== undefined,
    "expected a 15- or 18-char Salesforce Account id (001…)"
  )
  .transform((value) => toId18(value) as string)

const unique = <T extends z.ZodTypeAny>(item: T) =>
  z.array(item).refine((items) => new Set(items).size === items.length, "lists a value twice")

const count = z.number().int("expected a whole number").nonnegative("must not be negative")
const money = z.number().finite().nonnegative("must not be negative")

/** Date-valued facts, by name: the engine and the Salesforce field mapping share this list. */

const dateFields = Object.fromEntries(DATE_FACTS.map((name) => [name, isoDate.optional()])) as {
  [K in DateFact]: z.ZodOptional<typeof isoDate>
}

/** Spec §1. Unknown fields are errors: a typo must not silently drop a fact. */
export const AccountFacts = z.strictObject({
  id: AccountId,
  name: z.string().trim().min(1, "must not be empty").max(255),
  products: unique(Product).default([]),
  mrr: money.optional(),
  users: count.optional(),
  serviceLevel: ServiceLevel.default("basic"),
  package: Package.default("standard"),
  csmTier: CsmTier.optional(),
  franchise: z.boolean().default(false),
  ...dateFields,
  trainingsCompletedOn: z.array(isoDate).default([]),
  website: z.string().max(2048).optional(),
  contactEmails: z.array(z.email("expected an email address")).default([]),
  done: unique(StepKey).default([]),
  riskSignals: unique(RiskSignal).default([])
})

/** Facts as written by a person or a file (defaults not yet applied). */
export type AccountFactsInput = z.input<typeof AccountFacts>
/** Facts after validation: defaults applied, id normalised to 18 chars. */
export type AccountFacts = z.output<typeof AccountFacts>

/**
 * A facts file holds one account or a book of business (an array). Errors in a book are named
 * `accounts[3].mrr`, in a single account just `mrr`.
 */
export function parseFactsFile(input: unknown): Parsed<AccountFacts[]> & { single?: boolean } {
  if (Array.isArray(input)) return parseWith(z.array(AccountFacts), input, "accounts")
  const one = parseWith(AccountFacts, input)
  return one.ok ? { ok: true, value: [one.value], single: true } : one
}

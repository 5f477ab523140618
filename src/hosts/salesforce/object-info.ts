/**
 * The org's own schema for the mapping editor: UI API object-info
 * (`GET /services/data/vXX.X/ui-api/object-info/<Object>`) boiled down to each field's API name,
 * label, data type and lookup targets, and which of those fields may hold which fact (a date fact
 * only a Date or DateTime field). Pure: the background asks Salesforce, the options page offers.
 *
 * The answer's shape (trailheadapps/lwc-recipes, lwc/wireGetObjectInfo/__tests__/data/getObjectInfo.json):
 *   { "apiName": "Account", "label": "Account", "keyPrefix": "001",
 *     "fields": { "OwnerId": { "apiName": "OwnerId", "dataType": "Reference", "label": "Owner ID",
 *                              "filterable": true, "referenceToInfos": [{ "apiName": "User", … }], … }, … }, … }
 * Fields the user may not read (field-level security) are not in it at all.
 */
import * as z from "zod"

import { DATE_FACTS } from "~/src/domain/fact-names"
import type { MappableFact } from "~/src/domain/settings"

const API_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/
const apiName = z.string().regex(API_NAME)

/** One field of an object-info answer: only the parts the editor uses; the rest is ignored. */
const RawField = z.looseObject({
  apiName,
  label: z.string().max(1000),
  dataType: z.string().min(1).max(40),
  filterable: z.boolean().optional(),
  referenceToInfos: z.array(z.looseObject({ apiName })).max(500).default([])
})

/** An object-info answer. An object has at most ~1,000 fields (800 custom plus the standard ones). */
const RawObjectInfo = z.looseObject({
  apiName,
  label: z.string().max(1000),
  fields: z.record(z.string(), RawField).refine((fields) => Object.keys(fields).length <= 3000, "too many fields")
})

export interface OrgField {
  apiName: string
  label: string
  /** The UI API's data type: `String`, `Date`, `DateTime`, `Currency`, `Picklist`, `Reference` … */
  dataType: string
  /** A lookup's target objects (`Account`); empty for other fields. */
  referenceTo: string[]
  filterable: boolean
}

export interface OrgObject {
  apiName: string
  label: string
  /** Sorted by label. */
  fields: OrgField[]
}

/** An object-info answer as the editor's fields, or why it cannot be used (then the editor takes typed names). */
export function parseObjectInfo(
  answer: unknown,
  asked: string
): { ok: true; object: OrgObject } | { ok: false; message: string } {
  const parsed = RawObjectInfo.safeParse(answer)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return {
      ok: false,
      message: `Salesforce's description of ${asked} is not one SOP Pilot can read (${issue ? `${issue.path.join(".") || "(root)"}: ${issue.message}` : "invalid"})`
    }
  }
  if (parsed.data.apiName.toLowerCase() !== asked.toLowerCase())
    return { ok: false, message: `Salesforce described ${parsed.data.apiName} when asked for ${asked}` }
  const fields = Object.values(parsed.data.fields)
    .map((field) => ({
      apiName: field.apiName,
      label: clip(field.label, 255),
      dataType: field.dataType,
      referenceTo: field.referenceToInfos.map((info) => info.apiName),
      filterable: field.filterable ?? true
    }))
    .sort((a, b) => a.label.localeCompare(b.label) || a.apiName.localeCompare(b.apiName))
  return { ok: true, object: { apiName: parsed.data.apiName, label: clip(parsed.data.label, 255), fields } }
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

// ── Which field may hold which fact ─────────────────────────────────────────────────────────

const DATES = ["Date", "DateTime"] as const
const NUMBERS = ["Currency", "Double", "Int", "Long", "Percent"] as const

/**
 * The data types each fact may be read from: what record-facts.ts can turn into that fact.
 * A date from a Date or DateTime (the CSM's local day), a number from any number, a picklist
 * fact from a picklist.
 */
export const FIELD_TYPES_BY_FACT: Record<MappableFact, readonly string[]> = {
  name: ["String"],
  website: ["Url", "String"],
  mrr: NUMBERS,
  users: NUMBERS,
  products: ["MultiPicklist", "Picklist"],
  serviceLevel: ["Picklist"],
  package: ["Picklist"],
  ...(Object.fromEntries(DATE_FACTS.map((fact) => [fact, DATES])) as Record<(typeof DATE_FACTS)[number], typeof DATES>)
}

/** The other things a mapping names, and the types they take. */
export const FIELD_TYPES = {
  contactEmail: ["Email", "String"],
  taskSubject: ["String", "ComboBox", "TextArea"]
} as const

/** A type's name for people. */
export function typeLabel(dataType: string): string {
  const labels: Record<string, string> = {
    DateTime: "date/time",
    MultiPicklist: "multi-select picklist",
    Int: "number",
    Double: "number",
    Long: "number",
    Url: "URL",
    TextArea: "text area",
    ComboBox: "picklist or text",
    String: "text",
    Reference: "lookup"
  }
  return labels[dataType] ?? dataType.toLowerCase()
}

/** The fields of `object` that may hold `fact`. */
export function fieldsForFact(object: OrgObject, fact: MappableFact): OrgField[] {
  return fieldsOfTypes(object, FIELD_TYPES_BY_FACT[fact])
}

export function fieldsOfTypes(object: OrgObject, types: readonly string[]): OrgField[] {
  return object.fields.filter((field) => types.includes(field.dataType))
}

/** Lookups of `object` to `target` (`Account__c`, `AccountId`, Task's `WhatId`). */
export function lookupsTo(object: OrgObject, target: string): OrgField[] {
  const lower = target.toLowerCase()
  return object.fields.filter(
    (field) => field.dataType === "Reference" && field.referenceTo.some((to) => to.toLowerCase() === lower)
  )
}

/** Fields a filter may test: filterable, and not compound (an address, a location). */
export function filterableFields(object: OrgObject): OrgField[] {
  return object.fields.filter(
    (field) => field.filterable && !["Address", "Location", "ComplexValue", "Base64"].includes(field.dataType)
  )
}

/** The field with this API name (any case), or undefined: a mapped field the user cannot see is not there. */
export function findField(object: OrgObject, name: string): OrgField | undefined {
  const lower = name.toLowerCase()
  return object.fields.find((field) => field.apiName.toLowerCase() === lower)
}

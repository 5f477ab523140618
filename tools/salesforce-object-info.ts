/**
 * The fake org's UI API object-info (`GET /services/data/v<NN>.0/ui-api/object-info/<Object>`),
 * for the options page's mapping editor: Account from the dated fixture
 * test/fixtures/salesforce/2026-12-03-ui-api-object-info-account.json, Onboarding__c,
 * Adoption__c, Case, Contact and Task made in the same shape (the field entries of
 * trailheadapps/lwc-recipes' recorded getObjectInfo.json). Like Salesforce, a field that
 * field-level security hides is not in the answer; a field the org's rows use but no table
 * types here is described by its name (`…Date__c` a Date, `…Id` a lookup, else text), and every
 * field described here can be queried (`declareDescribedFields`).
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"

import { FIXTURES_DIR, json, type FixtureResponse } from "./extension-harness"
import type { OrgData } from "./salesforce-data"

export const OBJECT_INFO_FIXTURE = "salesforce/2026-12-03-ui-api-object-info-account.json"

type FieldSpec = [apiName: string, label: string, dataType: string, referenceTo?: string]

/** One field entry, every key as the recorded answer has it. */
export function fieldInfo([apiName, label, dataType, referenceTo]: FieldSpec): Record<string, unknown> {
  const custom = apiName.endsWith("__c")
  const system = ["Id", "CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp"]
  return {
    apiName,
    calculated: false,
    compound: false,
    compoundComponentName: null,
    compoundFieldName: null,
    controllerName: null,
    controllingFields: [],
    createable: !system.includes(apiName),
    custom,
    dataType,
    extraTypeInfo: dataType === "TextArea" ? "PlainTextArea" : null,
    filterable: dataType !== "TextArea" || !custom,
    filteredLookupInfo: null,
    highScaleNumber: false,
    htmlFormatted: false,
    inlineHelpText: null,
    label,
    length: ["String", "Url", "Email", "Picklist", "ComboBox"].includes(dataType)
      ? 255
      : dataType === "Reference"
        ? 18
        : dataType === "MultiPicklist"
          ? 4099
          : 0,
    nameField: apiName === "Name",
    polymorphicForeignKey: referenceTo === "*",
    precision: ["Currency", "Double", "Percent"].includes(dataType) ? 18 : 0,
    reference: dataType === "Reference",
    referenceTargetField: null,
    referenceToInfos:
      referenceTo === undefined
        ? []
        : referenceTo === "*"
          ? [
              { apiName: "Account", nameFields: ["Name"] },
              { apiName: "Opportunity", nameFields: ["Name"] }
            ]
          : [{ apiName: referenceTo, nameFields: ["Name"] }],
    relationshipName: dataType === "Reference" ? apiName.replace(/__c$/, "__r").replace(/Id$/, "") : null,
    required: apiName === "Id" || apiName === "Name",
    scale: dataType === "Currency" ? 2 : 0,
    searchPrefilterable: false,
    sortable: true,
    unique: false,
    updateable: !system.includes(apiName)
  }
}

const AUDIT: FieldSpec[] = [
  ["Id", "Record ID", "String"],
  ["CreatedDate", "Created Date", "DateTime"],
  ["CreatedById", "Created By ID", "Reference", "User"],
  ["LastModifiedDate", "Last Modified Date", "DateTime"],
  ["OwnerId", "Owner ID", "Reference", "User"]
]

/** The related objects of the SOPs' org, with the fields an admin would find there. */
const OBJECTS: Record<string, { label: string; keyPrefix: string; fields: FieldSpec[] }> = {
  Onboarding__c: {
    label: "Onboarding",
    keyPrefix: "a0B",
    fields: [
      ...AUDIT,
      ["Name", "Onboarding Name", "String"],
      ["Account__c", "Account", "Reference", "Account"],
      ["Onboarding_Call_Scheduled_For__c", "Onboarding Call Scheduled For", "DateTime"],
      ["Onboarding_Call_Completed_Date__c", "Onboarding Call Completed Date", "Date"],
      ["LMS_Set_Up_Completed_Date__c", "LMS Set Up Completed Date", "Date"],
      ["Onboarding_Completed_Date__c", "Onboarding Completed Date", "Date"],
      ["Unresponsive_Since__c", "Unresponsive Since", "Date"],
      ["Kickoff_Email_Sent_Date__c", "Kickoff Email Sent Date", "Date"],
      ["Status__c", "Status", "Picklist"],
      ["Number_Of_Sessions__c", "Number of Sessions", "Double"],
      ["Notes__c", "Notes", "TextArea"]
    ]
  },
  Adoption__c: {
    label: "Adoption",
    keyPrefix: "a0C",
    fields: [
      ...AUDIT,
      ["Name", "Adoption Name", "String"],
      ["Account__c", "Account", "Reference", "Account"],
      ["X30_Day_Meeting_Date__c", "30 Day Meeting Date", "Date"],
      ["X30_Day_Meeting_Held_At__c", "30 Day Meeting Held At", "DateTime"],
      ["X90_Day_Meeting_Date__c", "90 Day Meeting Date", "Date"],
      ["SMB_Adoption_Meeting_Date__c", "SMB Adoption Meeting Date", "Date"],
      ["Sentiment_Survey_Sent_Date__c", "Sentiment Survey Sent Date", "Date"],
      ["Sentiment_Survey_Received_Date__c", "Sentiment Survey Received Date", "Date"],
      ["TL_75_Day_Check_In_Date__c", "TL 75 Day Check-In Date", "Date"],
      ["TL_150_Day_Check_In_Date__c", "TL 150 Day Check-In Date", "Date"],
      ["Health_Score__c", "Health Score", "Percent"],
      ["Adoption_Status__c", "Adoption Status", "Picklist"],
      ["Recap_Sent__c", "Recap Sent", "Boolean"]
    ]
  },
  Case: {
    label: "Case",
    keyPrefix: "500",
    fields: [
      ...AUDIT,
      ["CaseNumber", "Case Number", "String"],
      ["AccountId", "Account ID", "Reference", "Account"],
      ["ContactId", "Contact ID", "Reference", "Contact"],
      ["Subject", "Subject", "String"],
      ["Type", "Case Type", "Picklist"],
      ["Status", "Status", "Picklist"],
      ["Priority", "Priority", "Picklist"],
      ["IsClosed", "Closed", "Boolean"],
      ["ClosedDate", "Closed Date", "DateTime"],
      ["Description", "Description", "TextArea"]
    ]
  },
  Contact: {
    label: "Contact",
    keyPrefix: "003",
    fields: [
      ...AUDIT,
      ["AccountId", "Account ID", "Reference", "Account"],
      ["FirstName", "First Name", "String"],
      ["LastName", "Last Name", "String"],
      ["Email", "Email", "Email"],
      ["Phone", "Business Phone", "Phone"],
      ["Title", "Title", "String"],
      ["Birthdate", "Birthdate", "Date"]
    ]
  },
  Task: {
    label: "Task",
    keyPrefix: "00T",
    fields: [
      ...AUDIT,
      ["WhatId", "Related To ID", "Reference", "*"],
      ["WhoId", "Name ID", "Reference", "Contact"],
      ["Subject", "Subject", "ComboBox"],
      ["Status", "Status", "Picklist"],
      ["ActivityDate", "Due Date Only", "Date"],
      ["Description", "Comments", "TextArea"]
    ]
  }
}

/**
 * Every field object-info describes is one the org's queries know too (empty unless a row sets
 * it): a field the editor offers can be read.
 */
export function declareDescribedFields(data: OrgData): void {
  const recorded = (JSON.parse(readFileSync(join(FIXTURES_DIR, OBJECT_INFO_FIXTURE), "utf8")) as { fields: object })
    .fields
  const described: [string, string[]][] = [
    ["Account", Object.keys(recorded)],
    ...Object.entries(OBJECTS).map(([object, spec]): [string, string[]] => [object, spec.fields.map((f) => f[0])])
  ]
  for (const [object, fields] of described) {
    const known = data.fields.get(object) ?? new Map<string, string>()
    data.fields.set(object, known)
    for (const field of fields) if (!known.has(field.toLowerCase())) known.set(field.toLowerCase(), field)
  }
}

/** A type for a field only the org's rows know. */
function guessed(apiName: string): FieldSpec {
  const label = apiName.replace(/__c$/, "").replace(/_/g, " ")
  if (/date/i.test(apiName)) return [apiName, label, apiName === "CreatedDate" ? "DateTime" : "Date"]
  if (/Id$|__c$/.test(apiName) && /^(Account|What|Who|Owner|CSM)/.test(apiName))
    return [apiName, label, "Reference", /^(Owner|CSM)/.test(apiName) ? "User" : "Account"]
  return [apiName, label, "String"]
}

function objectShape(apiName: string, label: string, keyPrefix: string, fields: Record<string, unknown>) {
  return {
    apiName,
    associateEntityType: null,
    associateParentEntity: null,
    childRelationships: [],
    createable: true,
    custom: apiName.endsWith("__c"),
    defaultRecordTypeId: "012000000000000AAA",
    deletable: true,
    dependentFields: {},
    feedEnabled: false,
    fields,
    keyPrefix,
    label,
    labelPlural: `${label}s`,
    layoutable: true,
    mruEnabled: true,
    nameFields: ["Name"],
    queryable: true,
    recordTypeInfos: {
      "012000000000000AAA": {
        available: true,
        defaultRecordTypeMapping: true,
        master: true,
        name: "Master",
        recordTypeId: "012000000000000AAA"
      }
    },
    searchable: true,
    themeInfo: { color: "7F8DE1", iconUrl: "" },
    updateable: true
  }
}

/**
 * The object-info answer for `object` as this user sees it (hidden fields left out), or a 404
 * with Salesforce's error body for an object the org does not have.
 */
export function objectInfoAnswer(object: string, data: OrgData, hidden: ReadonlySet<string>): FixtureResponse {
  const lower = object.toLowerCase()
  let answer: Record<string, unknown>
  if (lower === "account") {
    const { _source: _dropped, ...recorded } = JSON.parse(
      readFileSync(join(FIXTURES_DIR, OBJECT_INFO_FIXTURE), "utf8")
    ) as Record<string, unknown>
    answer = recorded
  } else {
    const name = Object.keys(OBJECTS).find((known) => known.toLowerCase() === lower)
    const spec = name === undefined ? undefined : OBJECTS[name]
    const rows = [...data.fields.keys()].find((known) => known.toLowerCase() === lower)
    if (name === undefined || spec === undefined) {
      if (rows === undefined)
        return json([{ errorCode: "NOT_FOUND", message: "The requested resource does not exist" }], { status: 404 })
      answer = objectShape(rows, rows.replace(/__c$/, ""), "a0Z", {})
    } else {
      answer = objectShape(
        name,
        spec.label,
        spec.keyPrefix,
        Object.fromEntries(spec.fields.map((f) => [f[0], fieldInfo(f)]))
      )
    }
  }
  const apiName = answer.apiName as string
  const fields = { ...(answer.fields as Record<string, unknown>) }
  // Fields the org's rows use that the tables above do not list (a test's own mapping).
  for (const field of data.fields.get(apiName)?.values() ?? [])
    if (!Object.keys(fields).some((known) => known.toLowerCase() === field.toLowerCase()))
      fields[field] = fieldInfo(guessed(field))
  for (const field of Object.keys(fields)) if (hidden.has(`${apiName}.${field}`.toLowerCase())) delete fields[field]
  return json({ ...answer, fields: Object.fromEntries(Object.entries(fields).sort(([a], [b]) => a.localeCompare(b))) })
}

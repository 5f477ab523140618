/**
 * Issue 17 item 11: a 429 answer was described as a field-mapping problem (each related fact
 * "could not be read", the mapping check listing every one as broken). 429 is Salesforce
 * limiting the rate of requests, and it says so, for the whole read.
 */
import { describe, expect, it } from "vitest"

import { classifyApiError, readAccountFromSalesforce, type CookieReader } from "~/src/background/salesforce"
import { mappingCheckOf } from "~/src/background/mapping-check"
import { DEFAULT_SETTINGS } from "~/src/domain/settings"

const ACME = "0015e00000AcmeQAAR"
const API = "https://acme.my.salesforce.com"
const SID = "00Dxx0000001gEREAY!AQ4AQH0dMHZfz972Szy4jGDy"
const cookies: CookieReader = async () => ({ value: SID })
const answer = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } })
const record = { apiName: "Account", id: ACME, fields: { Name: { value: "Acme", displayValue: null } } }

describe("429 Too Many Requests", () => {
  it("is its own kind, in words about rate limiting, not about the mapping", () => {
    const error = classifyApiError(429, [])
    expect(error.kind).toBe("rate_limited")
    expect(error.message).toMatch(/too many requests/i)
    expect(error.message).not.toMatch(/mapping/i)
  })

  it("a 429 on the related queries fails the read as rate-limited instead of listing each fact as a problem", async () => {
    // The record reads; every related query of the composite is answered 429.
    const fetch = (async (url: string, init: RequestInit) => {
      if (!url.endsWith("/composite")) return answer(200, record)
      const sent = JSON.parse(String(init.body)) as { compositeRequest: { referenceId: string }[] }
      return answer(200, {
        compositeResponse: sent.compositeRequest.map((q) => ({
          referenceId: q.referenceId,
          httpStatusCode: 429,
          body: []
        }))
      })
    }) as unknown as typeof globalThis.fetch
    const read = await readAccountFromSalesforce(API, ACME, DEFAULT_SETTINGS, {
      cookies,
      fetch,
      sleep: async () => undefined
    })
    expect(read).toMatchObject({ ok: false, status: { state: "rate_limited" } })
    const check = mappingCheckOf(read, DEFAULT_SETTINGS)
    expect(check.rows.filter((row) => row.problem !== undefined)).toEqual([])
    expect(check.status.message).toMatch(/too many requests/i)
  })
})

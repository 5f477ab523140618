/**
 * The messages' API origin accepts exactly the My Domain hosts the hosts layer knows (every
 * Salesforce cloud of HOST_PAIRS, plain and behind the Defender for Cloud Apps proxy), so a
 * granted domain's accounts pass every message boundary (issue 14, item 2).
 */
import { describe, expect, it } from "vitest"

import { HOST_PAIRS, isMyDomainApiOrigin, PROXY_SUFFIX } from "~/src/hosts/salesforce/url"
import { ApiOrigin } from "~/src/messages/protocol"

describe("ApiOrigin", () => {
  const origins = HOST_PAIRS.flatMap((pair) =>
    ["acme", "acme--uat.sandbox"].flatMap((org) => [
      `https://${org}${pair.myDomain}`,
      `https://${org}${pair.myDomain}${PROXY_SUFFIX}`
    ])
  )

  it.each(origins)("accepts %s, as the hosts layer does", (origin) => {
    expect(isMyDomainApiOrigin(origin)).toBe(true)
    expect(ApiOrigin.safeParse(origin).success).toBe(true)
  })

  it.each([
    "https://acme.lightning.force.com",
    "https://acme.my.salesforce.com.evil.example",
    "https://acme.my.salesforce.com.mcas.ms.evil.example",
    "https://evil.example/acme.my.salesforce.com",
    "http://acme.my.salesforce.com",
    "https://acme.my.salesforce.com:8443",
    "https://acme.my.salesforce.com/"
  ])("refuses %s", (origin) => {
    expect(ApiOrigin.safeParse(origin).success).toBe(false)
  })
})

import { describe, expect, it } from "vitest"

import { checksumSuffix, isAccountId, toId18 } from "~/src/domain/ids"

describe("Salesforce 15 → 18 id", () => {
  it.each([
    // Known pairs from Salesforce documentation and real orgs.
    ["0015000000Gv7qJ", "0015000000Gv7qJAAR"],
    ["001Hs00002ABCDe", "001Hs00002ABCDeIAP"],
    ["001000000000000", "001000000000000AAA"],
    ["001AAAAAAAAAAAA", "001AAAAAAAAAAAAY55"], // 001AA → bits 3,4 = 24 = Y; AAAAA → 31 = 5
    ["00Q3000000aBcDe", "00Q3000000aBcDeEAK"]
  ])("%s → %s", (id15, id18) => {
    expect(toId18(id15)).toBe(id18)
    expect(toId18(id18)).toBe(id18)
  })

  it("restores the case of an 18-char id that was folded to lower or upper case", () => {
    expect(toId18("0015000000gv7qjaar")).toBe("0015000000Gv7qJAAR")
    expect(toId18("0015000000GV7QJAAR")).toBe("0015000000Gv7qJAAR")
  })

  it("rejects an 18-char id whose case disagrees with its suffix", () => {
    expect(toId18("0015000000Gv7qjAAR")).toBeUndefined()
  })

  it.each(["", "001", "0015000000Gv7qJA", "0015000000Gv7q!", "0015000000Gv7qJAAR0"])("rejects %j", (id) => {
    expect(toId18(id)).toBeUndefined()
  })

  it("computes one suffix char per five-char chunk", () => {
    expect(checksumSuffix("AAAAAaaaaaaaaaa")).toBe("5AA")
    expect(checksumSuffix("aaaaaAAAAAaaaaa")).toBe("A5A")
  })

  it("knows Account ids by their 001 key prefix", () => {
    expect(isAccountId("0015000000Gv7qJ")).toBe(true)
    expect(isAccountId("0035000000Gv7qJ")).toBe(false)
  })
})

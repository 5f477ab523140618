// @vitest-environment happy-dom
// A download is one click on a temporary `<a download>` whose blob holds the text (CSV with the
// byte-order mark Excel needs, JSON without).
import { afterEach, describe, expect, it, vi } from "vitest"

import { downloadCsv, downloadJson } from "~/src/ui/download"

const clicks: { name: string; href: string }[] = []
const blobs: Blob[] = []

function fakeUrls() {
  vi.spyOn(URL, "createObjectURL").mockImplementation((blob) => {
    blobs.push(blob as Blob)
    return `blob:${blobs.length}`
  })
  vi.spyOn(URL, "revokeObjectURL").mockImplementation(() => {})
  vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
    clicks.push({ name: this.download, href: this.getAttribute("href") ?? "" })
  })
}

afterEach(() => {
  vi.restoreAllMocks()
  clicks.length = 0
  blobs.length = 0
})

describe("downloads", () => {
  it("offers a CSV with the byte-order mark and leaves no link behind", async () => {
    fakeUrls()
    downloadCsv("today.csv", "a,b\n")
    expect(clicks).toEqual([{ name: "today.csv", href: "blob:1" }])
    expect(blobs[0]!.type).toBe("text/csv;charset=utf-8")
    expect(new Uint8Array(await blobs[0]!.arrayBuffer()).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]))
    expect(document.querySelector("a")).toBeNull()
  })

  it("offers JSON as it is", async () => {
    fakeUrls()
    downloadJson("settings.json", '{"a":1}')
    expect(clicks).toEqual([{ name: "settings.json", href: "blob:1" }])
    expect(blobs[0]!.type).toBe("application/json")
    expect(await blobs[0]!.text()).toBe('{"a":1}')
  })
})

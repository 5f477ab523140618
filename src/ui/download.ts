/**
 * A file the CSM downloads from an extension page (a CSV, a settings export): `<a download>` on a
 * blob URL, the browser's own download, so no "downloads" permission.
 */
function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement("a")
  link.href = url
  link.download = fileName
  link.rel = "noopener"
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** A CSV file; the byte-order mark tells Excel it is UTF-8 (names with accents stay readable). */
export const downloadCsv = (fileName: string, text: string): void =>
  downloadBlob(fileName, new Blob(["\uFEFF", text], { type: "text/csv;charset=utf-8" }))

/** A JSON file (the settings export). */
export const downloadJson = (fileName: string, text: string): void =>
  downloadBlob(fileName, new Blob([text], { type: "application/json" }))

/**
 * Makes room for the expanded panel so it never covers the record's own buttons: a style
 * element in the PAGE's head (outside our shadow root) that narrows the body. Removed on
 * collapse and unmount.
 */
export const PAGE_OFFSET_ID = "sop-pilot-page-offset"

/** Reserves `width` px on the right of the page; the returned function gives it back. */
export function reservePageSpace(doc: Document, width: number): () => void {
  doc.getElementById(PAGE_OFFSET_ID)?.remove()
  const style = doc.createElement("style")
  style.id = PAGE_OFFSET_ID
  style.textContent = `html body { margin-right: ${width}px !important; }`
  ;(doc.head ?? doc.documentElement).appendChild(style)
  return () => style.remove()
}

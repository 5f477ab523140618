/** A settings value as one short line for the diff table. */
export function valueText(value: unknown): string {
  if (value === undefined) return "—"
  if (typeof value === "string")
    return value === "" ? "(empty)" : value.length > 140 ? `${value.slice(0, 140)}…` : value
  if (Array.isArray(value))
    return value.length === 0 ? "(none)" : value.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", ")
  return JSON.stringify(value)
}

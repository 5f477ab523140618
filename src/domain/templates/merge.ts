/**
 * Template merge (spec §6): fills `{{field}}` placeholders and keeps track of what was filled and
 * what is missing, so a UI can highlight values and gaps, and an email is never sent with a raw
 * `{{placeholder}}`.
 *
 * - Single pass: values are inserted as they are; a `{{…}}` inside a value is never merged.
 * - A field with no value (absent, blank, or an empty list) is a gap; a name that is not in the
 *   catalogue is a gap with `reason: "unknown"`, never left raw.
 * - Line breaks are normalised to `\n`. The subject is one line: line breaks in it (template or
 *   value) become spaces.
 * - Renderers (`toPlainText`, `toSafeHtml`) never output `{{`: wherever two `{` would meet (a value
 *   holding `{{…}}`, a stray `{{` in the template), a zero-width space is put between them, so the
 *   text reads the same but no mail tool (Outreach, Gmail templates) can take it for a placeholder.
 */
import type { TemplateText } from "./catalog"
import { findPlaceholders, isMergeFieldName, mergeField, type MergeFieldName } from "./fields"

export type TextSegment = { kind: "text"; text: string }
export type ValueSegment = { kind: "value"; field: MergeFieldName; text: string }
export type GapSegment =
  | { kind: "gap"; reason: "missing"; field: MergeFieldName; label: string }
  | { kind: "gap"; reason: "unknown"; field: string; label: string }
export type Segment = TextSegment | ValueSegment | GapSegment
export type MergedText = Segment[]

export type MergeValue = string | readonly string[]
export type MergeValues = Partial<Record<MergeFieldName, MergeValue>>

export interface MergeOptions {
  /** The word before the last item of a list value: "A, B and C". Default "and". */
  conjunction?: string
}

export interface MergeResult {
  subject: MergedText
  body: MergedText
  /** Catalogue fields with no value, in order of first use (subject, then body), each once. */
  gaps: MergeFieldName[]
  /** Names used that are not in the catalogue, in order of first use, each once. */
  unknown: string[]
}

const LINE_BREAK = /\r\n?|\n/g
const ZERO_WIDTH_SPACE = "\u200B"
const MAX_UNKNOWN_LABEL = 60

/** "A", "A and B", "A, B and C". Items are trimmed; blank items are dropped. */
export function joinList(items: readonly string[], conjunction = "and"): string {
  const kept = items.map((item) => item.trim()).filter((item) => item !== "")
  if (kept.length <= 1) return kept[0] ?? ""
  return `${kept.slice(0, -1).join(", ")} ${conjunction} ${kept[kept.length - 1]}`
}

/** The text a value merges as; "" means no value (a gap). */
function valueText(value: unknown, conjunction: string): string {
  if (typeof value === "string") return value.trim()
  if (Array.isArray(value))
    return joinList(
      value.filter((item): item is string => typeof item === "string"),
      conjunction
    )
  return ""
}

function unknownLabel(name: string): string {
  const shown = name.length > MAX_UNKNOWN_LABEL ? `${name.slice(0, MAX_UNKNOWN_LABEL)}…` : name
  return `Unknown field "${shown}"`
}

function mergeOne(
  template: string,
  values: MergeValues,
  conjunction: string,
  oneLine: boolean,
  gaps: Set<MergeFieldName>,
  unknown: Set<string>
): MergedText {
  const clean = (text: string) => (oneLine ? text.replace(LINE_BREAK, " ") : text.replace(LINE_BREAK, "\n"))
  const source = clean(template)
  const out: MergedText = []
  let at = 0
  for (const { name, start, end } of findPlaceholders(source)) {
    if (start > at) out.push({ kind: "text", text: source.slice(at, start) })
    at = end
    if (!isMergeFieldName(name)) {
      unknown.add(name)
      out.push({ kind: "gap", reason: "unknown", field: name, label: unknownLabel(name) })
      continue
    }
    const raw = Object.prototype.hasOwnProperty.call(values, name) ? values[name] : undefined
    const text = clean(valueText(raw, conjunction))
    if (text === "") {
      gaps.add(name)
      out.push({ kind: "gap", reason: "missing", field: name, label: mergeField(name).label })
    } else {
      out.push({ kind: "value", field: name, text })
    }
  }
  if (at < source.length) out.push({ kind: "text", text: source.slice(at) })
  return out
}

/** Merges `values` into a template's subject and body. Pure; never throws on any string input. */
export function mergeTemplate(template: TemplateText, values: MergeValues, options: MergeOptions = {}): MergeResult {
  const conjunction = options.conjunction ?? "and"
  const gaps = new Set<MergeFieldName>()
  const unknown = new Set<string>()
  const subject = mergeOne(template.subject, values, conjunction, true, gaps, unknown)
  const body = mergeOne(template.body, values, conjunction, false, gaps, unknown)
  return { subject, body, gaps: [...gaps], unknown: [...unknown] }
}

export interface RenderOptions {
  /** How a gap reads. Default: `[missing: Meeting date]`, or `[unknown field: name]`. */
  gapMarker?: (gap: GapSegment) => string
}

export function defaultGapMarker(gap: GapSegment): string {
  return gap.reason === "missing" ? `[missing: ${gap.label}]` : `[unknown field: ${gap.field}]`
}

/** The gap markers (`[missing: Meeting date]`, `[unknown field: x]`) still in a text, as they read, in order. */
export function gapMarkersIn(text: string): string[] {
  return Array.from(text.matchAll(/\[(?:missing|unknown field): [^\]\n]{1,120}\]/g), (match) => match[0])
}

/** Puts a zero-width space between any two adjacent `{`, so the output never contains `{{`. */
function breakBraces(text: string): string {
  return text.replace(/\{(?=\{)/g, `{${ZERO_WIDTH_SPACE}`)
}

function segmentText(segment: Segment, gapMarker: (gap: GapSegment) => string): string {
  return segment.kind === "gap" ? gapMarker(segment) : segment.text
}

/** Plain text, gaps clearly marked (never a raw placeholder). */
export function toPlainText(merged: MergedText, options: RenderOptions = {}): string {
  const gapMarker = options.gapMarker ?? defaultGapMarker
  return breakBraces(merged.map((segment) => segmentText(segment, gapMarker)).join(""))
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }

/** Escapes `& < > " '` for HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char)
}

/**
 * HTML for a mail body: every text, value and gap marker escaped, line breaks as `<br>`. The only
 * tags in the output are the `<br>` it inserts.
 */
export function toSafeHtml(merged: MergedText, options: RenderOptions = {}): string {
  const gapMarker = options.gapMarker ?? defaultGapMarker
  const html = merged.map((segment) => escapeHtml(segmentText(segment, gapMarker)).replace(LINE_BREAK, "<br>")).join("")
  return breakBraces(html)
}

/**
 * Where a compose panel goes (pure: rectangles in, a position out; the panel measures).
 *
 * - Expanded, a new-message window (bottom right): beside it on its left, bottom-aligned with
 *   it; on its right when there is no room on the left. Full-screen and inline replies: beside
 *   them the same way, top-aligned. Nothing of the compose is covered.
 * - No room on either side of a window or an inline reply (a narrow window, or the space beside
 *   it taken by another compose window, which a card never covers): docked to the window's right
 *   edge, over the mail list or the thread, in the tallest stretch that covers none of the
 *   compose's recipients, subject, body (the lines the CSM writes and inserts into) and Send,
 *   nor another compose. Too little room for that: a tab.
 * - A full-screen compose leaves no page beside it: a card inside its right side, below its
 *   recipients and subject and above its Send button.
 * - A tab the CSM clicked always opens, even where there is no room (a small window, a minimised
 *   compose): then the card is docked to the window's right edge, over the mail list, in the
 *   tallest stretch there that covers none of the compose's Send, recipients and subject (nor a
 *   minimised compose's bar).
 * - Collapsed or minimised: a small tab just above the compose's top edge (left-aligned for a
 *   window, right-aligned otherwise); inside its top right corner when the compose starts at the
 *   very top of the screen.
 * - Hidden when the compose is not on screen (an inline reply scrolled away).
 */
import type { ComposeKind } from "~/src/hosts/gmail/compose"

export interface Box {
  top: number
  left: number
  right: number
  bottom: number
  width: number
  height: number
}

export interface PlacementInput {
  compose: Box
  viewport: { width: number; height: number }
  kind: ComposeKind
  minimised: boolean
  expanded: boolean
  /** The CSM opened the panel (clicked its tab): it opens wherever there is room, docked if nowhere else. */
  opened?: boolean
  /** Parts of the compose the card must not cover (recipients, subject, Send button). */
  avoid: Box[]
  /** The compose's editable body: kept clear but in a full-screen compose. */
  body?: Box
  /** The other composes open at the same time: a card beside this one must not cover them. */
  others?: Box[]
}

export type Placement =
  | { mode: "hidden" }
  | { mode: "tab"; top: number; left?: number; right?: number }
  | {
      mode: "side-left" | "side-right" | "overlay" | "docked"
      left: number
      width: number
      maxHeight: number
      top?: number
      bottom?: number
    }

export const PANEL_WIDTH = 320
export const TAB_HEIGHT = 28
const GAP = 8
const MARGIN = 8
const MIN_HEIGHT = 180
const WINDOW_CARD_HEIGHT = 440
/** Gmail's bottom toolbar (Send, formatting, attach): never covered by an inside card. */
const TOOLBAR_HEIGHT = 56
/** Gmail's title-bar buttons (minimise, full screen, close) at a compose's top right: a tab inside keeps clear of them. */
const TITLE_BUTTONS = 120

const overlapsX = (a: { left: number; right: number }, b: Box) => a.left < b.right && b.left < a.right

function tab({ compose, viewport, kind }: PlacementInput): Placement {
  const windowLike = kind === "window" || kind === "popout"
  if (compose.top - TAB_HEIGHT - 4 >= MARGIN) {
    const top = compose.top - TAB_HEIGHT - 4
    return windowLike
      ? { mode: "tab", top, left: Math.max(MARGIN, compose.left) }
      : { mode: "tab", top, right: Math.max(MARGIN, viewport.width - compose.right) }
  }
  return {
    mode: "tab",
    top: Math.max(MARGIN, compose.top + 4),
    right: Math.max(MARGIN, viewport.width - compose.right + TITLE_BUTTONS)
  }
}

/**
 * Docked to the window's right edge (see the module comment); never fails, however small the
 * window. `whole` (docked unasked): clear of the whole compose and of the other composes, not
 * just of the parts of its own it keeps clear.
 */
function docked(input: PlacementInput, whole = false): Placement & { mode: "docked" } {
  const { compose, viewport, minimised } = input
  const width = Math.min(PANEL_WIDTH, viewport.width - 2 * MARGIN)
  const left = Math.max(MARGIN, viewport.width - MARGIN - width)
  const span = { left, right: left + width }
  const blocks = [...keptClear(input), ...(minimised || whole ? [compose] : []), ...(whole ? (input.others ?? []) : [])]
    .filter((box) => box.width > 0 && box.height > 0 && overlapsX(span, box))
    .sort((a, b) => a.top - b.top)
  let best = { top: MARGIN, bottom: MARGIN }
  let from = MARGIN
  const offer = (to: number) => {
    if (to - from > best.bottom - best.top) best = { top: from, bottom: to }
  }
  for (const box of blocks) {
    offer(box.top - GAP)
    from = Math.max(from, box.bottom + GAP)
  }
  offer(viewport.height - MARGIN)
  return { mode: "docked", left, width, top: best.top, maxHeight: Math.max(0, best.bottom - best.top) }
}

/**
 * What a card must not cover: the given parts and, but in a full-screen compose, the body (its
 * lines run the compose's width, whatever the element's own box says).
 */
function keptClear({ avoid, body, compose, kind }: PlacementInput): Box[] {
  if (!body || kind === "fullscreen" || body.height <= 0) return avoid
  const left = Math.min(body.left, compose.left)
  const right = Math.max(body.right, compose.right)
  return [...avoid, { ...body, left, right, width: right - left }]
}

/** No room for a card: docked when the CSM asked for it, else the tab. */
const noRoom = (input: PlacementInput): Placement => (input.opened ? docked(input) : tab(input))

export function placePanel(input: PlacementInput): Placement {
  const { compose, viewport, kind } = input
  const offScreen =
    compose.bottom <= 0 || compose.top >= viewport.height || compose.right <= 0 || compose.left >= viewport.width
  if (compose.width === 0 || compose.height === 0 || offScreen) return { mode: "hidden" }
  if (!input.expanded) return tab(input)
  if (input.minimised) return noRoom(input)

  const width = Math.min(PANEL_WIDTH, viewport.width - 2 * MARGIN)
  // Windows sit at the screen's bottom: the card grows upwards from the compose's bottom edge.
  // Full-screen composes and inline replies: from their top edge down.
  const bottomAnchored = kind === "window" || kind === "popout"
  // A window's card is as tall as the window (at least WINDOW_CARD_HEIGHT, within the screen).
  const spanTop = bottomAnchored
    ? Math.max(MARGIN, compose.bottom - Math.max(compose.height, WINDOW_CARD_HEIGHT))
    : Math.max(MARGIN, compose.top)
  const spanBottom = bottomAnchored ? compose.bottom : viewport.height - MARGIN
  const maxHeight = Math.max(MIN_HEIGHT, spanBottom - spanTop)
  const vertical = bottomAnchored
    ? { bottom: Math.max(0, viewport.height - compose.bottom), maxHeight }
    : { top: spanTop, maxHeight }

  // Beside the compose, where the card neither leaves the screen nor covers another compose.
  const free = (left: number) =>
    !(input.others ?? []).some(
      (o) => o.width > 0 && left < o.right && o.left < left + width && spanTop < o.bottom && o.top < spanBottom
    )
  const leftSide = compose.left - GAP - width
  if (leftSide >= MARGIN && free(leftSide)) return { mode: "side-left", left: leftSide, width, ...vertical }
  const rightSide = compose.right + GAP
  if (rightSide + width <= viewport.width - MARGIN && free(rightSide))
    return { mode: "side-right", left: rightSide, width, ...vertical }

  // No room beside a window or an inline reply: docked off its body, when it fits there.
  if (kind !== "fullscreen") {
    const dock = docked(input, true)
    return dock.maxHeight >= MIN_HEIGHT ? dock : noRoom(input)
  }

  // A full-screen compose: inside it, on its right, between what it must not cover.
  const left = Math.max(compose.left + MARGIN, compose.right - width - 12)
  const span = { left, right: left + width }
  let top = Math.max(MARGIN, compose.top + 48)
  for (const box of input.avoid)
    if (overlapsX(span, box) && box.top < compose.top + compose.height / 2) top = Math.max(top, box.bottom + GAP)
  // Its bottom toolbar stays clear.
  let limit = Math.min(viewport.height - MARGIN, compose.bottom - TOOLBAR_HEIGHT)
  for (const box of input.avoid) if (overlapsX(span, box) && box.top >= top) limit = Math.min(limit, box.top - GAP)
  const height = limit - top
  if (height < MIN_HEIGHT) return noRoom(input)
  return { mode: "overlay", left, width, top, maxHeight: height }
}

/**
 * Every lookup SOP Pilot makes in Salesforce markup, in one place. Each selector is pinned to the
 * dated fixtures in test/fixtures/salesforce/ by test/unit/hosts/salesforce/selectors.test.ts.
 *
 * Two rules hold for every lookup here:
 * - `getX(root)` throws a SelectorError naming the lookup (never the page's text); `getMaybeX`
 *   returns undefined. Features use the `getMaybe…` forms: broken markup must not break the page.
 * - Lightning keeps pages and console tabs the user has left in the DOM, hidden. A match only
 *   counts when it is on screen: every cached container around it (CACHED_CONTAINER) must carry
 *   `.active` and no `hidden` attribute. See `isOnScreen`.
 *
 * A content script runs in an isolated world, where Lightning's synthetic-shadow patches to
 * querySelector do not apply, so the LWC light DOM below is plainly reachable. Components that
 * move to native shadow DOM would need a shadow-piercing walk; none of those used here has.
 */
import { orThrow } from "../lookup"
import { recordFromLightningPath } from "./url"

/** A named lookup that found nothing. Its message names the lookup and selector, never page text. */
export class SelectorError extends Error {
  override readonly name = "SelectorError"

  constructor(
    readonly lookup: string,
    readonly selector: string
  ) {
    super(`Salesforce markup not found: ${lookup} (${selector})`)
  }
}

// ── Lightning: cached pages and console tabs ────────────────────────────────────────────────

/**
 * Containers Lightning keeps for pages and tabs that are not on screen; the visible one has
 * `.active`:
 * - `div.lafPageHost`: one per visited page (`windowViewMode-normal` in standard apps,
 *   `windowViewMode-maximized` inside a console tab);
 * - `div.oneWorkspace`: one per console workspace (primary) tab, under `.oneWorkspaceCollection`;
 * - `section.tabContent.oneConsoleTab`: one per console (sub)tab, inside its workspace. Each
 *   workspace keeps its own subtab `.active`, so an inactive workspace still holds an
 *   `section.oneConsoleTab.active`: that class alone does not tell the tab on screen.
 */
export const CACHED_CONTAINER = "div.lafPageHost, div.oneWorkspace, section.oneConsoleTab"

/**
 * Console: a workspace tab or subtab header in a console tab bar (`ul.tabBarItems`); its link's
 * `href` is the tab's page, e.g. `/lightning/r/Account/<id>/view`.
 */
export const CONSOLE_TAB_ITEM = "li.oneConsoleTabItem"

/**
 * Console: the link of a selected tab: the workspace bar marks its `li` `.slds-is-active.active`,
 * a subtab bar `.slds-active.active`; the link says `aria-selected="true"`.
 */
export const CONSOLE_ACTIVE_TAB_LINK =
  'li.oneConsoleTabItem.active > a[role="tab"][href], li.oneConsoleTabItem > a[role="tab"][aria-selected="true"][href]'

// ── Lightning: record header (highlights panel) ─────────────────────────────────────────────

/** Lightning (LWC `records-highlights2`): the record's name in the highlights panel's h1. */
export const PRIMARY_FIELD = 'lightning-formatted-text[slot="primaryField"]'

/** Lightning: the highlights panel's name slot, for a name rendered by another component. */
export const PRIMARY_FIELD_SLOT = 'records-highlights2 slot[name="primaryField"]'

/** Lightning, older Aura highlights panel (`forceHighlightsStencilDesktop`): the name's output text. */
export const AURA_HIGHLIGHTS_NAME =
  ".forceHighlightsStencilDesktop h1 .uiOutputText, .forceHighlightsPanel h1 .uiOutputText"

/** Lightning: the object's label above the name ("Account"; translated in other languages). */
export const ENTITY_LABEL = "records-entity-label"

/**
 * Lightning: the label's container in the highlights panel's h1, which real pages often fill with
 * the label's text directly (no `records-entity-label`; see the 2026-12-02 fixture).
 */
export const ENTITY_NAME_TITLE = "records-highlights2 div.entityNameTitle, .forceHighlightsPanel div.entityNameTitle"

// ── Classic ─────────────────────────────────────────────────────────────────────────────────

/** Classic detail page: the record name under the page title (`<h2 class="pageDescription"> Acme</h2>`). */
export const CLASSIC_PAGE_DESCRIPTION = ".bPageTitle h2.pageDescription"

/** Classic: the object label before the name (`<h1 class="pageType">Account:</h1>`). */
export const CLASSIC_PAGE_TYPE = ".bPageTitle h1.pageType"

// ── Helpers ─────────────────────────────────────────────────────────────────────────────────

function cleanText(element: Element): string | undefined {
  const text = (element.textContent ?? "").replace(/\s+/g, " ").trim()
  return text === "" ? undefined : text
}

/** True when no cached container around `element` is hidden or inactive. */
export function isOnScreen(element: Element): boolean {
  for (let node = element.parentElement; node !== null; node = node.parentElement) {
    if (node.hasAttribute("hidden")) return false
    if (node.matches(CACHED_CONTAINER) && !node.classList.contains("active")) return false
  }
  return true
}

/** The on-screen elements matching `selector`, in document order. */
function onScreen(root: ParentNode, selector: string): Element[] {
  return Array.from(root.querySelectorAll(selector)).filter(isOnScreen)
}

/** The text of the first on-screen match of the first selector that has one. */
function firstText(root: ParentNode, selectors: readonly string[]): string | undefined {
  for (const selector of selectors) {
    for (const element of onScreen(root, selector)) {
      const text = cleanText(element)
      if (text !== undefined) return text
    }
  }
  return undefined
}

const orFail = <T>(value: T | undefined, lookup: string, selector: string): T =>
  orThrow(value, () => new SelectorError(lookup, selector))

// ── Lookups ─────────────────────────────────────────────────────────────────────────────────

const RECORD_NAME_SELECTORS = [PRIMARY_FIELD, PRIMARY_FIELD_SLOT, AURA_HIGHLIGHTS_NAME] as const

/** Lightning: the on-screen record's name from its highlights panel. */
export function getMaybeRecordName(root: ParentNode): string | undefined {
  return firstText(root, RECORD_NAME_SELECTORS)
}

export function getRecordName(root: ParentNode): string {
  return orFail(getMaybeRecordName(root), "record name", PRIMARY_FIELD)
}

/** Lightning: the on-screen record's object label ("Account"). Translated: for display only. */
export function getMaybeEntityLabel(root: ParentNode): string | undefined {
  return firstText(root, [ENTITY_LABEL, ENTITY_NAME_TITLE])
}

/**
 * The record name in a document title: Lightning's `Acme | Account | Salesforce` (name first,
 * then the object label; a name may itself hold " | ") or Classic's
 * `Account: Acme ~ Salesforce - Enterprise Edition`. Undefined for `Home | Salesforce` and others.
 * Only meaningful on a record page: a list view's `Recently Viewed | Accounts | Salesforce` has the
 * same shape, so callers check the URL first (detect.ts does).
 */
export function recordNameFromTitle(title: string): string | undefined {
  const trimmed = title.replace(/\s+/g, " ").trim()
  const parts = trimmed.split(" | ")
  if (parts.length >= 3 && parts[parts.length - 1] === "Salesforce") {
    const name = parts.slice(0, -2).join(" | ").trim()
    return name === "" ? undefined : name
  }
  const classic = /^[^:]+: (.+?) ~ Salesforce\b/.exec(trimmed)
  return classic?.[1]?.trim() || undefined
}

/** The record name from `document.title` (the fallback when the record header is not found). */
export function getMaybeTitleRecordName(doc: Document): string | undefined {
  return recordNameFromTitle(doc.title)
}

/** Console: whether the page has console tab bars at all. */
export function isConsole(root: ParentNode): boolean {
  return root.querySelector(CONSOLE_TAB_ITEM) !== null
}

/**
 * Console: the 18-char id of the record in the tab on screen, from the selected tab's link.
 * The last on-screen selected link wins: the workspace tab bar comes first in the document and
 * the active workspace's subtab bar after it, so a selected subtab beats its workspace tab.
 * Undefined when there is no console, or the selected tab is not a record page (a list view, a
 * home page): then no id is better than the workspace's.
 */
export function getMaybeActiveConsoleRecordId(root: ParentNode): string | undefined {
  const links = onScreen(root, CONSOLE_ACTIVE_TAB_LINK)
  const href = links[links.length - 1]?.getAttribute("href")
  if (href === null || href === undefined) return undefined
  let pathname: string
  try {
    pathname = new URL(href, "https://salesforce.invalid").pathname
  } catch {
    return undefined
  }
  return recordFromLightningPath(pathname)?.id
}

export function getActiveConsoleRecordId(root: ParentNode): string {
  return orFail(getMaybeActiveConsoleRecordId(root), "active console tab record id", CONSOLE_ACTIVE_TAB_LINK)
}

/** Classic: the record name of a detail page. (Classic's record id comes from the URL: url.ts.) */
export function getMaybeClassicRecordName(root: ParentNode): string | undefined {
  return firstText(root, [CLASSIC_PAGE_DESCRIPTION])
}

export function getClassicRecordName(root: ParentNode): string {
  return orFail(getMaybeClassicRecordName(root), "Classic record name", CLASSIC_PAGE_DESCRIPTION)
}

/** Classic: the object label of a detail page ("Account"), without the trailing colon. */
export function getMaybeClassicObjectLabel(root: ParentNode): string | undefined {
  return firstText(root, [CLASSIC_PAGE_TYPE])?.replace(/\s*:$/, "") || undefined
}

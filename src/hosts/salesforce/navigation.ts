/**
 * Soft navigation in Salesforce, a single-page app, seen from a content script.
 *
 * A content script runs in an isolated world: wrapping `history.pushState` there does not see
 * the page's own calls. What it does see:
 * - the Navigation API (`navigation`, Chromium 102+): `navigatesuccess` and
 *   `currententrychange` fire for the page's same-document navigations in every world;
 * - `popstate` (back/forward);
 * - the `<title>` text, which Lightning rewrites when a record loads (a MutationObserver scoped
 *   to the title element, plus `<head>` children to catch a replaced title): the fallback where
 *   the Navigation API is missing, and the signal that the new record's DOM is there.
 * No polling. Bursts (Lightning fires several of these per click) make at most two calls.
 */

/** The slice of the Navigation API used here (not in every TypeScript DOM lib yet). */
interface NavigationLike {
  addEventListener(type: string, listener: () => void, options?: AddEventListenerOptions): void
}

export interface WatchNavigationOptions {
  /** Quiet time after a burst before `onChange` runs again. Default 50 ms. */
  debounceMs?: number
  /** The window to watch. Default: the global one. */
  win?: Window
}

/**
 * Calls `onChange` after every in-app navigation or title change (a burst: at its start and its end), until `signal`
 * aborts. It does not call `onChange` for the current page: callers detect once on start.
 */
export function watchNavigation(onChange: () => void, signal: AbortSignal, options: WatchNavigationOptions = {}): void {
  if (signal.aborted) return
  const win = options.win ?? window
  const doc = win.document
  const delay = options.debounceMs ?? 50

  // Leading and trailing: the first signal of a burst runs `onChange` at once (the URL already
  // names the new record, so the panel switches without waiting), and once more after the burst
  // has been quiet for `delay` if anything else came (the record's name arrives with its DOM).
  let timer: ReturnType<typeof setTimeout> | undefined
  let more = false
  const schedule = () => {
    if (signal.aborted) return
    if (timer === undefined) onChange()
    else {
      clearTimeout(timer)
      more = true
    }
    timer = setTimeout(() => {
      timer = undefined
      if (more && !signal.aborted) onChange()
      more = false
    }, delay)
  }

  const navigation = (win as Window & { navigation?: NavigationLike }).navigation
  if (navigation && typeof navigation.addEventListener === "function") {
    navigation.addEventListener("navigatesuccess", schedule, { signal })
    navigation.addEventListener("currententrychange", schedule, { signal })
  }
  win.addEventListener("popstate", schedule, { signal })
  win.addEventListener("hashchange", schedule, { signal })

  // The title element can be replaced rather than edited: watch <head>'s children and re-aim.
  // Other <head> changes (styles, scripts) are ignored: only a new title text counts.
  let watchedTitle: Element | null = null
  let lastTitle = doc.title
  const observer = new MutationObserver(() => {
    if (doc.querySelector("title") !== watchedTitle) aim()
    if (doc.title === lastTitle) return
    lastTitle = doc.title
    schedule()
  })
  const aim = () => {
    observer.disconnect()
    watchedTitle = doc.querySelector("title")
    if (doc.head) observer.observe(doc.head, { childList: true })
    if (watchedTitle) observer.observe(watchedTitle, { childList: true, characterData: true, subtree: true })
  }
  aim()

  signal.addEventListener(
    "abort",
    () => {
      observer.disconnect()
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
    },
    { once: true }
  )
}

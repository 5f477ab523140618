/**
 * One panel per open compose, from one content-script UI root: `watchComposes` on Gmail's `<body>`
 * feeds the list, each compose gets its panel (in its own error boundary) until its lifetime
 * ends. One ResizeObserver on the compose frames, window resize and scroll (captured: Gmail
 * scrolls inner boxes) bump a layout tick, coalesced to one per animation frame, so panels follow
 * their composes when one opens, closes, is minimised or moves. No polling.
 */
import { useEffect, useState } from "react"

import { watchComposes, type Compose } from "~/src/hosts/gmail/compose"
import { readComposeTheme, type HostTheme } from "~/src/hosts/gmail/theme"
import { isGmailMailUrl } from "~/src/hosts/gmail/url"
import { ComposePanel } from "./ComposePanel"
import { ComposePanelBoundary } from "./ErrorBoundary"

function useLayoutTick(composes: readonly Compose[]): number {
  const [tick, setTick] = useState(0)
  useEffect(() => {
    let frame = 0
    const bump = () => {
      if (frame) return
      frame = requestAnimationFrame(() => {
        frame = 0
        setTick((t) => t + 1)
      })
    }
    const resize = new ResizeObserver(bump)
    for (const compose of composes) resize.observe(compose.element)
    const controller = new AbortController()
    window.addEventListener("resize", bump, { signal: controller.signal })
    document.addEventListener("scroll", bump, { capture: true, passive: true, signal: controller.signal })
    bump()
    return () => {
      resize.disconnect()
      controller.abort()
      cancelAnimationFrame(frame)
    }
  }, [composes])
  return tick
}

/**
 * Gmail's theme (dark or light), read when a compose opens and when the system's scheme changes
 * (Gmail's "device default" theme follows it). Not on every layout tick: reading a computed style
 * costs the host page a style recalculation.
 */
function useGmailTheme(composes: readonly Compose[]): HostTheme | undefined {
  const [theme, setTheme] = useState<HostTheme>()
  useEffect(() => {
    const read = () => setTheme(composes[0] ? readComposeTheme(composes[0].element) : undefined)
    read()
    const scheme = matchMedia("(prefers-color-scheme: dark)")
    const controller = new AbortController()
    scheme.addEventListener("change", read, { signal: controller.signal })
    return () => controller.abort()
  }, [composes])
  return theme
}

export function PanelPerCompose({ root }: { root?: HTMLElement }) {
  const [composes, setComposes] = useState<Compose[]>([])
  const [activeId, setActiveId] = useState<string>()
  const layoutTick = useLayoutTick(composes)
  const theme = useGmailTheme(composes)

  useEffect(() => {
    const body = root ?? document.body
    if (!body || (!root && !isGmailMailUrl(location.href))) return
    const controller = new AbortController()
    watchComposes(
      body,
      (compose, signal) => {
        setComposes((list) => [...list, compose])
        setActiveId(compose.id)
        signal.addEventListener("abort", () => setComposes((list) => list.filter((c) => c !== compose)), { once: true })
      },
      controller.signal
    )
    return () => controller.abort()
  }, [root])

  // The compose the CSM clicks or types in becomes the active one.
  useEffect(() => {
    const controller = new AbortController()
    document.addEventListener(
      "focusin",
      (event) => {
        const target = event.target as Node | null
        const compose = target ? composes.find((c) => c.element.contains(target)) : undefined
        if (compose) setActiveId(compose.id)
      },
      { capture: true, signal: controller.signal }
    )
    return () => controller.abort()
  }, [composes])

  // The panels are fixed-position: the wrapper only carries the theme their tokens resolve by.
  return (
    <div className="sop-theme" data-sop-theme={theme}>
      {composes.map((compose) => (
        <ComposePanelBoundary key={compose.id}>
          <ComposePanel
            compose={compose}
            others={composes.filter((other) => other !== compose && other.kind() !== "inline")}
            active={compose.id === activeId}
            layoutTick={layoutTick}
            onActivate={() => setActiveId(compose.id)}
          />
        </ComposePanelBoundary>
      ))}
    </div>
  )
}

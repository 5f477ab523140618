/**
 * One panel per open compose, from one content-script UI root: `watchComposes` on Gmail's `<body>`
 * feeds the list, each compose gets its panel (in its own error boundary) until its lifetime
 * ends. One ResizeObserver on the compose frames, window resize and scroll (captured: Gmail
 * scrolls inner boxes) bump a layout tick, coalesced to one per animation frame, so panels follow
 * their composes when one opens, closes, is minimised or moves. No polling.
 */
import { useEffect, useState } from "react"

import { watchComposes, type Compose } from "~/src/hosts/gmail/compose"
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

export function PanelPerCompose({ root }: { root?: HTMLElement }) {
  const [composes, setComposes] = useState<Compose[]>([])
  const [activeId, setActiveId] = useState<string>()
  const layoutTick = useLayoutTick(composes)

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

  return (
    <>
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
    </>
  )
}

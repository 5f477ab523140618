import { useState } from "react"

import { pageCss } from "../styles"
import { createTodayStore, type TodayStore } from "./store"
import { Today } from "./Today"
import todayCss from "data-text:./today.css"
import todayPageCss from "data-text:./today-page.css"

const PAGE_CSS = pageCss(`${todayCss}\n${todayPageCss}`)

/** The popup's Today list on a page of its own (tabs/today.html): taller, with Export CSV and each account's checklist. */
export function TodayPage({ store: given }: { store?: TodayStore }) {
  const [store] = useState(() => given ?? createTodayStore())
  const [height] = useState(() => Math.max(320, (typeof window === "undefined" ? 800 : window.innerHeight) - 180))
  return (
    <>
      <style>{PAGE_CSS}</style>
      <main className="sop-today-page" data-testid="today-page">
        <header className="sop-today-page-head">
          <h1>Today, across your book</h1>
          <p className="sop-muted">
            Every step due or overdue in every account, most urgent first: running situations, then the longest overdue.
          </p>
        </header>
        <Today store={store} full height={height} />
      </main>
    </>
  )
}

import { useEffect, useState } from "react"

import { todayIn } from "~/src/domain/dates"
import { onAccountChanged, onBookProgress } from "~/src/messages/client"

import { BookOfBusiness } from "./BookOfBusiness"
import { PopupStoreContext, usePopup } from "../store-context"
import { CurrentAccount } from "./CurrentAccount"
import { DomainOffer } from "./DomainOffer"
import { createPopupStore, type PopupStore } from "./store"
import popupCss from "data-text:./popup.css"

import { surfaceCss } from "../styles"
import { createTodayStore, POPUP_LIMIT, type TodayStore } from "../today/store"
import { Today } from "../today/Today"
import todayCss from "data-text:../today/today.css"

const POPUP_CSS = surfaceCss(`${popupCss}\n${todayCss}`)

function Header() {
  const total = usePopup((s) => s.book.accounts.reduce((sum, a) => sum + a.overdue, 0))
  return (
    <header className="sop-header">
      <span className="sop-logo" aria-hidden="true">
        SP
      </span>
      <h1>SOP Pilot</h1>
      <span className="sop-total" data-testid="total-overdue" data-count={total}>
        <span className="sop-count" data-count={total}>
          {total}
        </span>{" "}
        overdue
      </span>
      <button
        type="button"
        className="sop-link"
        data-action="open-team"
        onClick={() => void chrome.tabs.create({ url: chrome.runtime.getURL("tabs/team.html") })}
      >
        Team
      </button>
      <button type="button" className="sop-link" onClick={() => void chrome.runtime.openOptionsPage()}>
        Settings
      </button>
    </header>
  )
}

function Body({ todayStore }: { todayStore: TodayStore }) {
  const today = usePopup((s) => (s.current.kind === "account" ? s.current.view?.today : undefined))
  return (
    <>
      <Header />
      <DomainOffer />
      <CurrentAccount />
      <Today store={todayStore} />
      <BookOfBusiness today={today ?? todayIn()} />
    </>
  )
}

/** The toolbar popup: the account in the current tab, today's steps across the book, then the whole book. */
export function Popup({ store: given, today: givenToday }: { store?: PopupStore; today?: TodayStore }) {
  const [store] = useState(() => given ?? createPopupStore())
  const [todayStore] = useState(() => givenToday ?? createTodayStore(undefined, POPUP_LIMIT))
  useEffect(() => {
    const controller = new AbortController()
    void store.getState().init()
    onAccountChanged((accountId, byViewId) => store.getState().changed(accountId, byViewId), controller.signal)
    onBookProgress((sync) => store.getState().syncProgress(sync), controller.signal)
    return () => controller.abort()
  }, [store])
  return (
    <PopupStoreContext.Provider value={store}>
      <style>{POPUP_CSS}</style>
      <main data-testid="popup">
        <Body todayStore={todayStore} />
      </main>
    </PopupStoreContext.Provider>
  )
}

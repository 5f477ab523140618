// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, waitFor } from "@testing-library/react"
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"

import { buildPlan } from "~/src/domain/engine"
import { AccountFacts, type AccountFactsInput } from "~/src/domain/facts"
import { DEFAULT_SETTINGS } from "~/src/domain/settings"
import { composeHandle, findComposes } from "~/src/hosts/gmail/compose"
import type { AccountView, ComposeContext } from "~/src/messages/protocol"
import { type ask as realAsk } from "~/src/ui/gmail/messages"
import { ComposePanel } from "~/src/ui/gmail/ComposePanel"
import { createComposeStore } from "~/src/ui/gmail/store"
import { anyInput } from "~/src/ui/input-guard"
import { loadGmailFixture } from "../../hosts/gmail/fixtures"

const TODAY = "2026-11-25"
const ACME = "001Hs00002ABCDeIAP"
const FACTS: AccountFactsInput = {
  id: ACME,
  name: "Acme Dental Group",
  products: ["learning", "compliance"],
  onboardingCallCompletedOn: "2026-11-01",
  trainingsCompletedOn: ["2026-11-10", TODAY],
  done: ["TR2#1"],
  website: "https://www.acmedental.example/",
  contactEmails: ["dana.whitfield@acmedental.example"]
}

function viewOf(facts: AccountFactsInput): AccountView {
  const parsed = AccountFacts.parse(facts)
  return {
    accountId: parsed.id,
    name: parsed.name,
    apiHost: "https://acme.my.salesforce.com",
    today: TODAY,
    plan: buildPlan(parsed, DEFAULT_SETTINGS, TODAY),
    facts: parsed as unknown as Record<string, unknown>,
    sources: {},
    manual: {},
    conflicts: [],
    api: { state: "cached" }
  }
}
const contextOf = (facts: AccountFactsInput): ComposeContext => ({
  view: viewOf(facts),
  profile: {
    name: "Morgan Miles",
    initials: "MM",
    signature: "Customer Success Manager",
    calendlyLink: "https://calendly.com/morgan-miles"
  },
  links: { ...DEFAULT_SETTINGS.links, supportContact: "support@medtrainer.example" },
  templates: { ...DEFAULT_SETTINGS.templates }
})

type Ask = typeof realAsk
let calls: { name: string; body: unknown }[]
let answers: Record<string, (body: never) => unknown>

const fakeAsk = (async (name: string, body: unknown) => {
  calls.push({ name, body })
  const answer = answers[name]
  if (!answer) throw new Error(`unexpected ${name}`)
  return answer(body as never)
}) as Ask

beforeEach(() => {
  calls = []
  answers = {
    "compose.accounts": () => ({
      matches: [
        {
          accountId: ACME,
          apiHost: "https://acme.my.salesforce.com",
          name: "Acme Dental Group",
          kind: "contact",
          email: "dana.whitfield@acmedental.example",
          reason: "dana.whitfield@acmedental.example is a contact of this account"
        }
      ]
    }),
    "compose.context": () => contextOf(FACTS),
    "compose.remember": () => ({ ok: true }),
    "accounts.list": () => [],
    "step.set": ({ key }: { key: string }) => viewOf({ ...FACTS, done: [...(FACTS.done ?? []), key] })
  }
  const listeners = new Set<unknown>()
  ;(globalThis as { chrome?: unknown }).chrome = {
    runtime: {
      onMessage: { addListener: (l: unknown) => listeners.add(l), removeListener: (l: unknown) => listeners.delete(l) }
    }
  }
  loadGmailFixture("newMessage")
})
afterEach(() => {
  cleanup()
  delete (globalThis as { chrome?: unknown }).chrome
  document.documentElement.innerHTML = "<head></head><body></body>"
})

function mount() {
  const compose = composeHandle(findComposes(document.body)[0]!.element)
  // testing-library's events are script-dispatched: the shipped policy would refuse them.
  const store = createComposeStore({ ask: fakeAsk, inputPolicy: anyInput })
  const view = render(
    <ComposePanel compose={compose} active layoutTick={0} onActivate={() => undefined} store={store} />
  )
  const panel = () => view.container.querySelector<HTMLElement>('[data-testid="compose-panel"]')!
  return { compose, store, view, panel }
}

describe("the compose panel", () => {
  it("finds the account from the recipient chip and pre-selects the most pressing email step", async () => {
    const { panel } = mount()
    await waitFor(() => expect(panel().dataset.template).toBe("training_recap"))
    expect(panel().dataset.accountId).toBe(ACME)
    expect(calls[0]).toEqual({
      name: "compose.accounts",
      body: { emails: ["dana.whitfield@acmedental.example"], threadId: "thread-a:r-7681922771531347793" }
    })
    expect(panel().querySelector("[data-step-key]")?.getAttribute("data-step-key")).toBe("TR2#2")
    expect(panel().textContent).toContain("Send the Training Recap for session 2")
    expect(panel().querySelector("[data-step-status]")?.getAttribute("data-step-status")).toBe("due")
    expect(panel().textContent).toContain("Each training session gets a recap the same day")
    expect([...panel().querySelectorAll("[data-gap]")].map((el) => el.getAttribute("data-gap"))).toEqual([
      "participants",
      "pendingSubjects"
    ])
    expect(panel().querySelector('[data-action="insert"]')?.textContent).toBe("Insert with 2 gaps marked")
  })

  it("with gaps, the main button goes to the first one; inserting with the gaps marked is the second choice (issue 16)", async () => {
    const { panel } = mount()
    await waitFor(() => expect(panel().dataset.template).toBe("training_recap"))
    const fill = panel().querySelector<HTMLButtonElement>('[data-action="fill-gaps"]')!
    const insert = panel().querySelector<HTMLButtonElement>('[data-action="insert"]')!
    expect(fill.textContent).toBe("Fill in 2 fields")
    expect(fill.classList.contains("sop-btn-primary")).toBe(true)
    expect(insert.classList.contains("sop-btn-primary")).toBe(false)
    fireEvent.click(fill)
    expect(document.activeElement).toBe(panel().querySelector('[data-field="participants"]'))

    fireEvent.change(panel().querySelector('[data-field="participants"]')!, { target: { value: "Dana Whitfield" } })
    fireEvent.change(panel().querySelector('[data-field="pendingSubjects"]')!, { target: { value: "none" } })
    await waitFor(() => expect(panel().querySelector('[data-action="fill-gaps"]')).toBeNull())
    const main = panel().querySelector<HTMLButtonElement>('[data-action="insert"]')!
    expect(main.textContent).toBe("Insert into email")
    expect(main.classList.contains("sop-btn-primary")).toBe(true)
  })

  it("holds Send while the email shows a gap marker: go to it, or send anyway on the next click (issue 16)", async () => {
    const { panel, compose } = mount()
    await waitFor(() => expect(panel().dataset.template).toBe("training_recap"))
    fireEvent.click(panel().querySelector('[data-action="insert"]')!)
    expect(compose.body()!.textContent).toContain("[missing: Participants]")

    // Gmail's own Send handler, below the compose: it must not hear a held click.
    const send = compose.element.querySelector<HTMLElement>('[role="button"].aoO')!
    const gmailSends = vi.fn()
    send.addEventListener("click", gmailSends)
    const clickSend = () => {
      fireEvent.mouseDown(send)
      fireEvent.mouseUp(send)
      fireEvent.click(send)
    }
    clickSend()
    expect(gmailSends).not.toHaveBeenCalled()
    const held = await waitFor(() => panel().querySelector<HTMLElement>('[data-testid="send-held"]')!)
    expect(held.dataset.gaps).toBe("2")
    expect(held.textContent).toContain("[missing: Participants]")

    // Ctrl+Enter is held too.
    const keyEvent = new KeyboardEvent("keydown", { key: "Enter", ctrlKey: true, bubbles: true, cancelable: true })
    compose.body()!.dispatchEvent(keyEvent)
    expect(keyEvent.defaultPrevented).toBe(true)

    fireEvent.click(held.querySelector('[data-action="goto-gap"]')!)
    expect(document.getSelection()?.toString()).toBe("[missing: Participants]")

    fireEvent.click(panel().querySelector('[data-action="send-anyway"]')!)
    await waitFor(() => expect(panel().querySelector('[data-testid="send-allowed"]')).not.toBeNull())
    clickSend()
    expect(gmailSends).toHaveBeenCalledTimes(1)
    await waitFor(() => expect(panel().querySelector('[data-testid="send-held"]')).toBeNull())
    // The allowance was for that one send.
    clickSend()
    expect(gmailSends).toHaveBeenCalledTimes(1)
  })

  it("asks once for a per-person value missing from the profile, saves it there, and it is no gap again (issue 16)", async () => {
    const profile = { ...contextOf(FACTS).profile, name: "" }
    answers["compose.context"] = () => ({ ...contextOf(FACTS), profile })
    answers["compose.profile"] = ({ profile: saved }: { profile: Record<string, string> }) => {
      Object.assign(profile, saved)
      return { ...profile }
    }
    const { panel } = mount()
    await waitFor(() => expect(panel().dataset.template).toBe("training_recap"))
    const name = panel().querySelector<HTMLInputElement>('[data-field="csmName"]')!
    expect(panel().querySelectorAll("[data-gap]").length).toBe(3)
    const hint = panel().querySelector<HTMLElement>(`#${name.getAttribute("aria-describedby")}`)!
    expect(hint.textContent).toMatch(/Saved to your profile when you leave the field/)
    fireEvent.change(name, { target: { value: "Morgan Miles" } })
    // Not while typing: only when the field is left.
    expect(calls.some((c) => c.name === "compose.profile")).toBe(false)
    fireEvent.blur(name)
    await waitFor(() =>
      expect(calls.find((c) => c.name === "compose.profile")?.body).toEqual({ profile: { name: "Morgan Miles" } })
    )
    // Known now: out of "To fill in", no gap, and not asked again.
    await waitFor(() => expect(panel().querySelector('[data-gap="csmName"]')).toBeNull())
    expect(panel().querySelector("[data-profile-save]")).toBeNull()
    expect(panel().textContent).toContain("Best regards,Morgan Miles")
  })

  it("says so under the field when the profile refuses the value, and keeps it in the email", async () => {
    answers["compose.context"] = () => ({ ...contextOf(FACTS), profile: { ...contextOf(FACTS).profile, name: "" } })
    answers["compose.profile"] = () => {
      throw new Error("name: too long")
    }
    const { panel } = mount()
    await waitFor(() => expect(panel().dataset.template).toBe("training_recap"))
    const name = panel().querySelector<HTMLInputElement>('[data-field="csmName"]')!
    fireEvent.change(name, { target: { value: "Morgan" } })
    fireEvent.blur(name)
    await waitFor(() => expect(panel().querySelector('[data-profile-save="error"]')?.textContent).toContain("too long"))
    expect(name.value).toBe("Morgan")
  })

  it("the shipped store ignores script-dispatched clicks and typing: nothing inserted, nothing remembered (issue 17)", async () => {
    const compose = composeHandle(findComposes(document.body)[0]!.element)
    const shipped = createComposeStore({ ask: fakeAsk }) // the default input policy: a person's only
    const view = render(
      <ComposePanel compose={compose} active layoutTick={0} onActivate={() => undefined} store={shipped} />
    )
    const panel = () => view.container.querySelector<HTMLElement>('[data-testid="compose-panel"]')!
    await waitFor(() => expect(panel().dataset.template).toBe("training_recap"))
    const sent = calls.length

    fireEvent.change(panel().querySelector('[data-field="participants"]')!, { target: { value: "Mallory" } })
    fireEvent.change(panel().querySelector('[data-action="template"]')!, {
      target: { value: "template:account_gone_dark" }
    })
    fireEvent.click(panel().querySelector('[data-action="insert"]')!)
    panel().querySelector<HTMLButtonElement>('[data-action="insert"]')!.click()
    await act(async () => undefined)

    expect(calls.slice(sent)).toEqual([])
    expect(panel().dataset.template).toBe("training_recap")
    expect(compose.body()!.textContent).not.toContain("Training session 2 recap")
    expect(compose.subject()!.value).toBe("")
    expect(panel().querySelector('[data-action="mark-step"]')).toBeNull()
  })

  it("fills a gap typed in the panel, inserts subject and body, checks the step off, and undoes", async () => {
    const { panel, compose } = mount()
    await waitFor(() => expect(panel().dataset.template).toBe("training_recap"))
    const participants = panel().querySelector<HTMLTextAreaElement>('[data-field="participants"]')!
    fireEvent.change(participants, { target: { value: "Dana Whitfield, Lee Park" } })
    expect([...panel().querySelectorAll("[data-gap]")].map((el) => el.getAttribute("data-gap"))).toEqual([
      "pendingSubjects"
    ])

    fireEvent.click(panel().querySelector('[data-action="insert"]')!)
    const body = compose.body()!
    expect(compose.subject()!.value).toBe("Training session 2 recap – Acme Dental Group")
    expect(body.textContent).toContain("Hi Dana,")
    expect(body.textContent).toContain("Dana Whitfield, Lee Park")
    expect(body.textContent).toContain("[missing: Pending subjects]")
    expect(body.textContent).not.toContain("{{")
    expect(calls.some((c) => c.name === "compose.remember")).toBe(true)

    await act(async () => fireEvent.click(panel().querySelector('[data-action="mark-step"]')!))
    expect(calls.find((c) => c.name === "step.set")?.body).toEqual({
      accountId: ACME,
      apiHost: "https://acme.my.salesforce.com",
      recipients: ["dana.whitfield@acmedental.example"],
      key: "TR2#2",
      done: true,
      viewId: expect.any(String)
    })
    await waitFor(() => expect(panel().querySelector("[data-step-checked]")?.textContent).toBe("✓ TR2#2 checked off"))
    // The pick stays on the step just checked off.
    expect(panel().dataset.template).toBe("training_recap")
    expect(panel().querySelector("[data-step-key]")?.getAttribute("data-step-status")).toBe("done")

    fireEvent.click(panel().querySelector('[data-action="undo"]')!)
    expect(body.innerHTML).toBe("<br>")
    expect(compose.subject()!.value).toBe("")
  })

  it("uses the answer to its check-off: the push about it asks nothing again", async () => {
    const { panel, store } = mount()
    await waitFor(() => expect(panel().dataset.template).toBe("training_recap"))
    fireEvent.click(panel().querySelector('[data-action="insert"]')!)
    await act(async () => fireEvent.click(panel().querySelector('[data-action="mark-step"]')!))
    await waitFor(() => expect(panel().querySelector("[data-step-checked]")).not.toBeNull())
    const check = calls.find((c) => c.name === "step.set")!.body as { viewId: string }
    const count = calls.length

    await act(async () => store.getState().accountChanged(ACME, check.viewId))
    expect(calls).toHaveLength(count)
    // Another view's change to this account is read once.
    await act(async () => store.getState().accountChanged(ACME, "another-view"))
    expect(calls.slice(count).map((c) => c.name)).toEqual(["compose.context"])
  })

  it("keeps the emailed step selected when checking it off takes it out of the plan (the last wrap-up)", async () => {
    answers["step.set"] = ({ key }: { key: string }) => {
      const view = viewOf({ ...FACTS, done: [...(FACTS.done ?? []), key] })
      return { ...view, plan: { ...view.plan, steps: view.plan.steps.filter((s) => s.key !== key) } }
    }
    const { panel } = mount()
    await waitFor(() => expect(panel().dataset.template).toBe("training_recap"))
    fireEvent.click(panel().querySelector('[data-action="insert"]')!)
    await act(async () => fireEvent.click(panel().querySelector('[data-action="mark-step"]')!))
    await waitFor(() => expect(panel().querySelector("[data-step-checked]")?.textContent).toBe("✓ TR2#2 checked off"))
    expect(panel().dataset.template).toBe("training_recap")
    expect(panel().querySelector("[data-step-key]")?.getAttribute("data-step-status")).toBe("done")
    expect(panel().querySelector<HTMLSelectElement>('[data-action="template"]')?.selectedOptions[0]?.textContent).toBe(
      "TR2#2 · Training Recap (done)"
    )
  })

  it("inserts a hostile account name as text", async () => {
    answers["compose.context"] = () => contextOf({ ...FACTS, name: "<img src=x onerror=alert(1)>" })
    const { panel, compose } = mount()
    await waitFor(() => expect(panel().dataset.template).toBe("training_recap"))
    expect(panel().querySelector("img")).toBeNull()
    expect(panel().querySelector('[data-testid="compose-account"]')?.textContent).toBe("<img src=x onerror=alert(1)>")
    // A template that names the account in its body too.
    fireEvent.change(panel().querySelector('[data-action="template"]')!, {
      target: { value: "template:account_gone_dark" }
    })
    fireEvent.click(panel().querySelector('[data-action="insert"]')!)
    expect(compose.body()!.querySelector("img")).toBeNull()
    expect(compose.subject()!.value).toBe("Checking in on <img src=x onerror=alert(1)>'s MedTrainer account")
    expect(compose.body()!.innerHTML).toContain("make sure &lt;img src=x onerror=alert(1)&gt; gets everything")
  })

  it("lets the CSM pick another template; the select lists the plan's steps and every template", async () => {
    const { panel } = mount()
    await waitFor(() => expect(panel().dataset.template).toBe("training_recap"))
    const select = panel().querySelector<HTMLSelectElement>('[data-action="template"]')!
    expect([...select.querySelectorAll("optgroup")].map((g) => g.label)).toEqual(["Steps in the plan", "All templates"])
    fireEvent.change(select, { target: { value: "template:account_gone_dark" } })
    expect(panel().dataset.template).toBe("account_gone_dark")
    expect(panel().querySelector("[data-step-key]")).toBeNull()
  })

  it("asks which account when several match, and remembers the choice for the thread", async () => {
    answers["compose.accounts"] = () => ({
      matches: [
        {
          accountId: ACME,
          apiHost: "https://acme.my.salesforce.com",
          name: "Acme Dental Group",
          kind: "domain",
          email: "dana.whitfield@acmedental.example",
          reason: "at acmedental.example"
        },
        {
          accountId: "001Hs00002GLBXaIAP",
          apiHost: "https://acme.my.salesforce.com",
          name: "Acme Dental – North",
          kind: "domain",
          email: "dana.whitfield@acmedental.example",
          reason: "at acmedental.example"
        }
      ]
    })
    const { panel } = mount()
    await waitFor(() => expect(panel().querySelectorAll('[data-action="choose-account"]')).toHaveLength(2))
    expect(panel().dataset.accountId).toBe("")
    await act(async () =>
      fireEvent.click(panel().querySelector(`[data-action="choose-account"][data-account-id="${ACME}"]`)!)
    )
    await waitFor(() => expect(panel().dataset.template).toBe("training_recap"))
    expect(calls.find((c) => c.name === "compose.remember")?.body).toEqual({
      threadId: "thread-a:r-7681922771531347793",
      accountId: ACME,
      apiHost: "https://acme.my.salesforce.com",
      recipients: ["dana.whitfield@acmedental.example"]
    })
  })

  it("offers no search of the book when nothing matches: a Gmail page learns only of matched accounts", async () => {
    answers["compose.accounts"] = () => ({ matches: [] })
    const { panel } = mount()
    await waitFor(() => expect(panel().textContent).toContain("No account matches dana.whitfield@acmedental.example."))
    expect(panel().querySelector('[data-action="search"]')).toBeNull()
    expect(calls.some((c) => c.name === "accounts.list")).toBe(false)
  })

  it("shows the background's error instead of throwing", async () => {
    answers["compose.context"] = () => {
      throw new Error("SOP Pilot cannot reach its background. Reload Gmail.")
    }
    const { panel } = mount()
    await waitFor(() => expect(panel().querySelector('[role="alert"]')?.textContent).toContain("Reload Gmail"))
  })
})

describe("the compose store", () => {
  it("drops an answer for recipients that changed meanwhile", async () => {
    let release!: () => void
    answers["compose.accounts"] = ({ emails }: { emails: string[] }) =>
      emails[0] === "old@acmedental.example"
        ? new Promise(
            (resolve) =>
              (release = () =>
                resolve({
                  matches: [
                    { accountId: "001Hs00002GLBXaIAP", name: "Old", kind: "domain", email: emails[0], reason: "" }
                  ]
                }))
          )
        : { matches: [] }
    const store = createComposeStore({ ask: fakeAsk })
    const first = store.getState().setRecipients([{ email: "old@acmedental.example" }], undefined)
    await store.getState().setRecipients([{ email: "new@elsewhere.example" }], undefined)
    release()
    await first
    expect(store.getState().accountId).toBeUndefined()
    expect(store.getState().matches).toEqual([])
  })

  it("keeps the CSM's own choice when recipients change", async () => {
    const store = createComposeStore({ ask: fakeAsk })
    await store.getState().choose(ACME, "user")
    answers["compose.accounts"] = () => ({ matches: [] })
    await store.getState().setRecipients([{ email: "someone@else.example" }], undefined)
    expect(store.getState().accountId).toBe(ACME)
  })

  it("reloads its account's context when the background says it changed", async () => {
    const store = createComposeStore({ ask: fakeAsk })
    await store.getState().choose(ACME, "auto")
    const before = calls.filter((c) => c.name === "compose.context").length
    store.getState().accountChanged(ACME)
    store.getState().accountChanged("001Hs00002GLBXaIAP")
    await vi.waitFor(() => expect(calls.filter((c) => c.name === "compose.context").length).toBe(before + 1))
  })
})

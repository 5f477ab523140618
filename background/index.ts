// Placeholder service worker: answers a health ping so e2e tests can prove it runs.
chrome.runtime.onMessage.addListener((message: unknown, _sender, sendResponse) => {
  if (typeof message === "object" && message !== null && (message as { name?: unknown }).name === "ping") {
    sendResponse({ ok: true, from: "background" })
  }
  return false
})
export {}

import { readFileSync } from "node:fs"
import { join } from "node:path"

export const GMAIL_FIXTURES = {
  inbox: "2026-11-25-inbox-no-compose.html",
  newMessage: "2026-11-25-compose-new-message.html",
  twoWindows: "2026-11-25-compose-two-windows.html",
  minimised: "2026-11-25-compose-minimised.html",
  fullscreen: "2026-11-25-compose-fullscreen.html",
  inlineReply: "2026-11-25-thread-inline-reply.html",
  realShapes: "2026-12-02-compose-real-shapes.html"
} as const

export function gmailFixture(name: keyof typeof GMAIL_FIXTURES): string {
  return readFileSync(join(__dirname, "../../../fixtures/gmail", GMAIL_FIXTURES[name]), "utf8")
}

/** Loads a fixture the way InboxSDK's tests do: into `document.documentElement.innerHTML` (scripts do not run). */
export function loadGmailFixture(name: keyof typeof GMAIL_FIXTURES): void {
  const html = gmailFixture(name)
  document.documentElement.innerHTML = html.replace(/^<!DOCTYPE html>\s*<html[^>]*>/i, "").replace(/<\/html>\s*$/i, "")
  const bodyClass = /<body class="([^"]*)"/.exec(html)?.[1]
  if (bodyClass !== undefined) document.body.className = bodyClass
}

/** The new-message window of the inbox fixture's `<template>` (what its Compose button clones). */
export function composeFromTemplate(): HTMLElement {
  const template = document.getElementById("fixture-compose") as HTMLTemplateElement
  return template.content.firstElementChild?.cloneNode(true) as HTMLElement
}

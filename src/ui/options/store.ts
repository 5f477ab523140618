/**
 * The options page's state: the settings and profile as the background answered them, the CSM's
 * drafts (what is typed, validated on every keystroke), and the import preview.
 *
 * A change is validated with the same zod schemas the background uses before anything is sent; an
 * invalid draft shows its error and is never saved. A valid draft is saved after a short pause in
 * typing (or at once for switches, selects and on leaving the field), as a partial settings
 * object holding only that field. Saves run one after another.
 *
 * `createOptionsStore()` makes a fresh store; tests give it fake deps.
 */
import { createStore, type StoreApi } from "zustand/vanilla"

import { DEFAULT_PROFILE, Profile } from "~/src/domain/profile"
import { DEFAULT_SETTINGS, parseTeamSettings, type TeamSettings } from "~/src/domain/settings"
import { getPath, sameValue, setPath, touchesPath } from "~/src/domain/settings-diff"
import { unknownMergeFields } from "~/src/domain/templates/fields"
import { fieldErrors, type FieldError } from "~/src/domain/parse"
import { MessageError } from "~/src/messages/client"
import { askAny } from "~/src/messages/settings-client"
import type { ImportResult } from "~/src/messages/protocol"
import type { SettingsImpact } from "~/src/domain/settings-impact"
import { errorText } from "~/src/domain/text"
import { downloadJson } from "../download"

export interface OptionsDeps {
  ask: typeof askAny
  /** Offers `text` as a file download named `fileName`. */
  download: (fileName: string, text: string) => void
  /** How long typing must pause before a valid draft is saved (ms). */
  saveDelayMs: number
}

export const defaultOptionsDeps = (): OptionsDeps => ({ ask: askAny, download: downloadJson, saveDelayMs: 600 })

/** How a field's text becomes its value. */
export type FieldKind = "text" | "number" | "integer" | "boolean" | "list"
export type RawValue = string | boolean | string[]

export interface Draft {
  raw: RawValue
  /** undefined when `raw` could not be read as the field's kind (see `error`). */
  value: unknown
  error?: string
}

export type SaveStatus =
  { kind: "idle" } | { kind: "saving" } | { kind: "saved"; path: string } | { kind: "error"; message: string }

/** The largest settings file read (the background takes at most 1,000,000 characters). */
export const MAX_IMPORT_BYTES = 1_000_000
const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`

export interface ImportState {
  text: string
  /** Where the text came from (a file name), for the preview's heading. */
  source: string | null
  busy: boolean
  preview: ImportResult | null
  errors: FieldError[] | null
  /** The last import applied, until the next preview. */
  applied: ImportResult | null
  /** What applying the previewed file would do to the plans (null when it could not be worked out). */
  impact: SettingsImpact | null
}

/** An edit held before saving because it changes plans: what it does, and exactly what Save sends. */
export interface PendingImpact {
  path: string
  settings: Record<string, unknown>
  impact: SettingsImpact
}

export interface OptionsState {
  loading: boolean
  loadError: string | null
  settings: TeamSettings
  defaults: TeamSettings
  locked: string[]
  /** Stored parts that no longer validate, by path: their defaults show, the stored original is kept. */
  storedInvalid: { path: string; message: string }[]
  profile: Profile
  /** Dotted path (`thresholds.surveyMrr`, `profile.name`) → what is typed there. */
  drafts: Record<string, Draft>
  status: SaveStatus
  exportError: string | null
  importing: ImportState
  /** An edit that changes plans, waiting for the Team Lead's Save or Cancel. */
  pending: PendingImpact | null

  load(): Promise<void>
  /** A field changed; `immediate` saves now (switches, selects), else after a pause in typing. */
  edit(path: string, raw: RawValue, kind: FieldKind, immediate?: boolean): void
  /** The field was left: save its draft now if valid. */
  commit(path: string): Promise<void>
  exportSettings(): Promise<void>
  setImportText(text: string, source?: string | null): void
  /** A chosen file: its size is checked before it is read (issue 17), then it is previewed. */
  importFile(file: Pick<File, "name" | "size" | "text">): Promise<void>
  previewImport(): Promise<void>
  applyImport(): Promise<void>
  clearImport(): void
  /** Saves exactly the pending edit that was previewed. */
  confirmPending(): void
  /** Drops the pending edit: nothing is saved, the field shows the saved value again. */
  cancelPending(): void
}

export type OptionsStore = StoreApi<OptionsState>

const PROFILE_PREFIX = "profile."
export const isProfilePath = (path: string) => path.startsWith(PROFILE_PREFIX)

/** `path: message` lines of a refused request, by path (the first line is the summary). */
export function errorsByPath(error: unknown): FieldError[] {
  if (!(error instanceof MessageError)) return [{ path: "(root)", message: errorText(error) }]
  const lines = error.message.split("\n")
  const found: FieldError[] = []
  for (const path of error.paths) {
    const line = lines.find((l) => l.startsWith(`${path}: `))
    found.push({ path, message: line ? line.slice(path.length + 2) : (lines[0] ?? "invalid") })
  }
  return found.length > 0 ? found : [{ path: "(root)", message: error.message }]
}

function readRaw(raw: RawValue, kind: FieldKind): { value: unknown; error?: string } {
  if (kind === "number" || kind === "integer") {
    const text = typeof raw === "string" ? raw.trim() : ""
    const value = Number(text)
    if (text === "" || !Number.isFinite(value)) return { value: undefined, error: "Enter a number" }
    return { value }
  }
  return { value: raw }
}

const under = (errorPath: string, path: string) =>
  errorPath === path || errorPath.startsWith(`${path}.`) || errorPath.startsWith(`${path}[`)

/** The value's error at `path`, with the schemas the background checks with (plus merge-field names in templates). */
export function validateField(
  path: string,
  value: unknown,
  settings: TeamSettings,
  profile: Profile
): string | undefined {
  if (isProfilePath(path)) {
    const field = path.slice(PROFILE_PREFIX.length)
    const parsed = Profile.safeParse({ ...profile, [field]: value })
    if (parsed.success) return undefined
    return fieldErrors(parsed.error).find((e) => under(e.path, field))?.message ?? "invalid"
  }
  const parsed = parseTeamSettings(setPath(settings as unknown as Record<string, unknown>, path, value))
  if (!parsed.ok)
    return parsed.errors.find((e) => under(e.path, path))?.message ?? parsed.errors[0]?.message ?? "invalid"
  if (path.startsWith("templates.") && typeof value === "string") {
    const unknown = unknownMergeFields(value)
    if (unknown.length > 0) {
      return `Unknown merge field${unknown.length > 1 ? "s" : ""}: ${unknown.map((name) => `{{${name}}}`).join(", ")}. Use a field from the list below.`
    }
  }
  return undefined
}

/** The saved value at a path (`profile.*` from the profile). */
export function savedValue(state: Pick<OptionsState, "settings" | "profile">, path: string): unknown {
  return isProfilePath(path) ? getPath(state.profile, path.slice(PROFILE_PREFIX.length)) : getPath(state.settings, path)
}

export const isLocked = (locked: readonly string[], path: string) =>
  !isProfilePath(path) && locked.some((lock) => touchesPath(path, lock))

const EMPTY_IMPORT: ImportState = {
  text: "",
  source: null,
  busy: false,
  preview: null,
  errors: null,
  applied: null,
  impact: null
}

export function createOptionsStore(deps: OptionsDeps = defaultOptionsDeps()): OptionsStore {
  const timers = new Map<string, ReturnType<typeof setTimeout>>()
  let queue: Promise<void> = Promise.resolve()
  /** Resolves the pending edit's decision (true: save it). */
  let decide: ((save: boolean) => void) | undefined

  return createStore<OptionsState>()((set, get) => {
    async function save(path: string): Promise<void> {
      const draft = get().drafts[path]
      if (!draft || draft.error !== undefined || isLocked(get().locked, path)) return
      if (sameValue(savedValue(get(), path), draft.value)) return
      set({ status: { kind: "saving" } })
      try {
        if (isProfilePath(path)) {
          const profile = await deps.ask({
            name: "profile.save",
            profile: { [path.slice(PROFILE_PREFIX.length)]: draft.value }
          })
          set({ profile })
        } else {
          const partial = setPath({}, path, draft.value)
          // A change that moves plans waits for a look at what it does; one that moves none (or
          // whose impact cannot be worked out) saves as before.
          const impact = await deps
            .ask({ name: "settings.impact", change: { kind: "edit", settings: partial } })
            .catch(() => null)
          if (impact && impact.groups.length > 0) {
            set({ status: { kind: "idle" }, pending: { path, settings: partial, impact } })
            const save = await new Promise<boolean>((resolve) => {
              decide = resolve
            })
            decide = undefined
            set({ pending: null })
            if (!save) {
              set((state) => {
                const drafts = { ...state.drafts }
                if (drafts[path] && sameValue(drafts[path].value, draft.value)) delete drafts[path]
                return { drafts, status: { kind: "idle" } }
              })
              return
            }
            set({ status: { kind: "saving" } })
          }
          const state = await deps.ask({ name: "settings.save", settings: partial })
          set({ settings: state.settings, locked: state.locked, storedInvalid: state.storedInvalid ?? [] })
        }
        set({ status: { kind: "saved", path } })
      } catch (error) {
        const errors = errorsByPath(error)
        const mine = errors.find((e) => under(e.path, path) || under(path, e.path)) ?? errors[0]
        set((state) => {
          const current = state.drafts[path]
          const drafts =
            current && sameValue(current.value, draft.value)
              ? { ...state.drafts, [path]: { ...current, error: mine?.message ?? errorText(error) } }
              : state.drafts
          return { drafts, status: { kind: "error", message: errorText(error) } }
        })
      }
    }

    const enqueue = (path: string): Promise<void> => {
      const pending = timers.get(path)
      if (pending !== undefined) clearTimeout(pending)
      timers.delete(path)
      queue = queue.then(() => save(path))
      return queue
    }

    return {
      loading: true,
      loadError: null,
      settings: DEFAULT_SETTINGS,
      defaults: DEFAULT_SETTINGS,
      locked: [],
      storedInvalid: [],
      profile: DEFAULT_PROFILE,
      drafts: {},
      status: { kind: "idle" },
      exportError: null,
      importing: EMPTY_IMPORT,
      pending: null,

      async load() {
        try {
          const state = await deps.ask({ name: "settings.get" })
          set({
            loading: false,
            loadError: null,
            settings: state.settings,
            defaults: state.defaults ?? DEFAULT_SETTINGS,
            locked: state.locked,
            storedInvalid: state.storedInvalid ?? [],
            profile: state.profile
          })
        } catch (error) {
          set({ loading: false, loadError: errorText(error) })
        }
      },

      edit(path, raw, kind, immediate = false) {
        if (isLocked(get().locked, path)) return
        const read = readRaw(raw, kind)
        const error = read.error ?? validateField(path, read.value, get().settings, get().profile)
        const draft: Draft = error === undefined ? { raw, value: read.value } : { raw, value: read.value, error }
        set((state) => ({ drafts: { ...state.drafts, [path]: draft } }))
        if (error !== undefined) {
          const pending = timers.get(path)
          if (pending !== undefined) clearTimeout(pending)
          timers.delete(path)
          return
        }
        if (immediate) {
          void enqueue(path)
          return
        }
        const pending = timers.get(path)
        if (pending !== undefined) clearTimeout(pending)
        timers.set(
          path,
          setTimeout(() => void enqueue(path), deps.saveDelayMs)
        )
      },

      commit(path) {
        return enqueue(path)
      },

      async exportSettings() {
        try {
          const file = await deps.ask({ name: "settings.export" })
          deps.download(file.fileName, file.text)
          set({ exportError: null })
        } catch (error) {
          set({ exportError: errorText(error) })
        }
      },

      setImportText(text, source = null) {
        set({ importing: { ...EMPTY_IMPORT, text, source } })
      },

      async importFile(file) {
        if (file.size > MAX_IMPORT_BYTES) {
          // Refused unread: a 50 MB file must not be read whole to learn it is too big.
          set({
            importing: {
              ...EMPTY_IMPORT,
              source: file.name,
              errors: [
                {
                  path: "(file)",
                  message: `${file.name} is ${megabytes(file.size)}; a settings file is at most 1 MB. Choose the file SOP Pilot exported.`
                }
              ]
            }
          })
          return
        }
        get().setImportText(await file.text(), file.name)
        await get().previewImport()
      },

      async previewImport() {
        const { text } = get().importing
        if (text.trim() === "") {
          set((state) => ({
            importing: {
              ...state.importing,
              preview: null,
              errors: [{ path: "(file)", message: "Choose a settings file or paste its contents first." }]
            }
          }))
          return
        }
        set((state) => ({ importing: { ...state.importing, busy: true, preview: null, errors: null, applied: null } }))
        try {
          const preview = await deps.ask({ name: "settings.import", text, apply: false })
          const impact =
            preview.diff.length === 0
              ? null
              : await deps.ask({ name: "settings.impact", change: { kind: "import", text } }).catch(() => null)
          set((state) => ({ importing: { ...state.importing, busy: false, preview, impact } }))
        } catch (error) {
          set((state) => ({ importing: { ...state.importing, busy: false, errors: errorsByPath(error) } }))
        }
      },

      async applyImport() {
        const { text, preview } = get().importing
        if (!preview) return
        set((state) => ({ importing: { ...state.importing, busy: true } }))
        try {
          const applied = await deps.ask({ name: "settings.import", text, apply: true })
          const state = await deps.ask({ name: "settings.get" })
          // What was typed before the import no longer describes the settings.
          set({
            settings: state.settings,
            locked: state.locked,
            storedInvalid: state.storedInvalid ?? [],
            profile: state.profile,
            drafts: {},
            importing: { ...EMPTY_IMPORT, applied }
          })
        } catch (error) {
          set((state) => ({ importing: { ...state.importing, busy: false, errors: errorsByPath(error) } }))
        }
      },

      clearImport() {
        set({ importing: EMPTY_IMPORT })
      },

      confirmPending() {
        decide?.(true)
      },

      cancelPending() {
        decide?.(false)
      }
    }
  })
}

/** Small wording helpers every context shares (views, notifications, the engine's reasons). */

/** `1 day`, `3 days`; `many` for the irregular ones. */
export const plural = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`

/** What a caught value says, for the one line of an error shown to the CSM. */
export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error))

import { createAsk } from "./client"
import { ALL_REQUESTS } from "./registry"

/** `ask` for extension pages that edit settings: every message, the options page's included. */
export const askAny = createAsk(ALL_REQUESTS)

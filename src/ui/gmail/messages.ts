/**
 * The messages the Gmail panel sends to the background: the shared client
 * (`messages/client.ts`), which validates requests and answers with the protocol's zod/mini
 * schemas, narrowed to these.
 */
import { createAsk } from "~/src/messages/client"
import { REQUESTS, type RequestOf, type ResponseOf } from "~/src/messages/protocol"

export { onAccountChanged } from "~/src/messages/client"

export type GmailRequestName =
  "compose.accounts" | "compose.remember" | "compose.context" | "compose.profile" | "compose.snippets" | "step.set"
const REQUESTS_FOR_GMAIL = {
  "compose.accounts": REQUESTS["compose.accounts"],
  "compose.remember": REQUESTS["compose.remember"],
  "compose.context": REQUESTS["compose.context"],
  "compose.profile": REQUESTS["compose.profile"],
  "compose.snippets": REQUESTS["compose.snippets"],
  "step.set": REQUESTS["step.set"]
}

const askGmail = createAsk(REQUESTS_FOR_GMAIL)

/** Asks the background; resolves with the validated answer, rejects with an error the panel can show. */
export async function ask<N extends GmailRequestName>(
  name: N,
  body: Omit<RequestOf<N>, "name">
): Promise<ResponseOf<N>> {
  return (askGmail as (request: RequestOf<N> & { name: N }) => Promise<ResponseOf<N>>)({
    name,
    ...body
  } as RequestOf<N> & { name: N })
}

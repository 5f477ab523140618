import "~/src/setup/zod-csp" // first: before any zod schema is built
import { Popup } from "~/src/ui/popup"

/** Plasmo popup entry (the toolbar button). */
export default function PopupEntry() {
  return <Popup />
}

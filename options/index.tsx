import "~/src/setup/zod-csp" // first: before any zod schema is built
import { OptionsPage } from "~/src/ui/options"

/** Plasmo options page entry (options.html, opened in a tab). */
export default function Options() {
  return <OptionsPage />
}

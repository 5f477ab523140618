import "~/src/setup/zod-csp" // first: before any zod schema is built
import { SopPage } from "~/src/ui/sop/SopPage"

/** Plasmo tab page (tabs/sop.html#rule=AD1): the SOP a step comes from, at its section. */
export default function SopTab() {
  return <SopPage />
}

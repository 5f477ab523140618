import "~/src/setup/zod-csp" // first: before any zod schema is built
import { ChecklistPage } from "~/src/ui/checklist/ChecklistPage"

/** Plasmo tab page (tabs/checklist.html): one account's plan as a checklist that prints to PDF. */
export default function Checklist() {
  return <ChecklistPage />
}

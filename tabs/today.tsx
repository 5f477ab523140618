import "~/src/setup/zod-csp" // first: before any zod schema is built
import { TodayPage } from "~/src/ui/today/TodayPage"

/** Plasmo tab page (tabs/today.html): the popup's Today list on a page of its own, with its exports. */
export default function TodayTab() {
  return <TodayPage />
}

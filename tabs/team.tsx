import "~/src/setup/zod-csp" // first: before any zod schema is built
import { TeamPage } from "~/src/ui/team"

/** Plasmo tab page (tabs/team.html): the Team Lead's view of the team's book. */
export default function Team() {
  return <TeamPage />
}

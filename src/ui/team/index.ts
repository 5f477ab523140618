export { TeamPage } from "./TeamPage"
export { createTeamStore, type TeamDeps, type TeamStore } from "./store"

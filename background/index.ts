import "../src/setup/zod-csp" // first: before any zod schema is built
import { startBackground } from "../src/background/main"

startBackground()

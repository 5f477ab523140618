import { startBackground } from "../src/background/main"

startBackground()

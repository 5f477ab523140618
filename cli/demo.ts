/**
 * `npm run demo` (foundation step): the plans of the bundled demo book of business as a table,
 * overdue first. A later step turns this into the browser demo.
 */
import { todayIn } from "../src/domain/dates"
import { demoBook } from "../src/demo/book"
import { formatBookTable } from "./table"

const today = todayIn()
process.stdout.write(formatBookTable(demoBook(today), today))

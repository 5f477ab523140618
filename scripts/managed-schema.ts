/** Writes assets/managed-schema.json (the chrome.storage.managed schema) from the settings schema. */
import { writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"

import { managedSchemaText } from "../src/domain/managed-schema"

const file = fileURLToPath(new URL("../assets/managed-schema.json", import.meta.url))
writeFileSync(file, managedSchemaText())
console.log(`wrote ${file}`)

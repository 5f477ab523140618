export { OptionsPage } from "./OptionsPage"
export { createOptionsStore, type OptionsDeps, type OptionsStore } from "./store"

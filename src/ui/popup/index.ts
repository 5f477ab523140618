export { Popup } from "./Popup"
export { createPopupStore, type PopupDeps, type PopupStore } from "./store"

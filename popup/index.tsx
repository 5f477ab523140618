export default function Popup() {
  return <main style={{ padding: 12, minWidth: 280 }}>SOP Pilot</main>
}

export default function Options() {
  return <main>SOP Pilot settings</main>
}

// Placeholder until the page is built.
export function DoorPage() {
  return <p>Door</p>
}

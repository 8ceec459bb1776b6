// Placeholder until the page is built.
export function EventsPage() {
  return <p>Events</p>
}

// Placeholder until the page is built.
export function BoxOfficePage() {
  return <p>BoxOffice</p>
}

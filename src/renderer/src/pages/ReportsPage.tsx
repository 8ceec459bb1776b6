// Placeholder until the page is built.
export function ReportsPage() {
  return <p>Reports</p>
}

// Placeholder until the page is built.
export function SettingsPage() {
  return <p>Settings</p>
}

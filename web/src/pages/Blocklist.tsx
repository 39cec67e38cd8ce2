// Blocklist pages (being written).
export function BlocklistPage() {
  return <section><h1>Blocklist</h1></section>;
}

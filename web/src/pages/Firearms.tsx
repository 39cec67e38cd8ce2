// Firearms pages (being written).
export function FirearmsPage() {
  return <section><h1>Firearms</h1></section>;
}

// Payments pages (being written).
export function PaymentsPage() {
  return <section><h1>Payments</h1></section>;
}

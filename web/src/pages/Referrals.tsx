// Referrals pages (being written).
export function ReferralsPage() {
  return <section><h1>Referrals</h1></section>;
}

// Consultations my country takes part in, and one thread: where an invited country reads, replies and cites media.
import { Link } from '../router.js';
import { Loader, fmtDateTime } from '../components/common.js';
import { useGet } from '../query.js';
import { Thread, type Consultation } from '../components/Consultations.js';

export function ConsultationsPage() {
  const list = useGet<{ consultations: Consultation[] }>('/api/v1/consultations', { limit: 100 });
  return (
    <section>
      <h1>Consultations</h1>
      <Loader state={list}>
        {({ consultations }) =>
          consultations.length === 0 ? (
            <p className="muted">No consultation involves your country.</p>
          ) : (
            <table className="table" data-testid="consultations">
              <thead>
                <tr>
                  <th scope="col">Subject</th>
                  <th scope="col">Case</th>
                  <th scope="col">Countries</th>
                  <th scope="col">Messages</th>
                  <th scope="col">Last message</th>
                </tr>
              </thead>
              <tbody>
                {consultations.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link to={`/consultations/${c.id}`}>{c.subject}</Link>
                    </td>
                    <td>{c.caseReference}</td>
                    <td>{c.countries.join(', ')}</td>
                    <td>{c.messages}</td>
                    <td>{fmtDateTime(c.lastMessageAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loader>
    </section>
  );
}

export function ConsultationPage({ id }: { id: number }) {
  const c = useGet<Consultation>(`/api/v1/consultations/${id}`, { limit: 1 });
  return (
    <Loader state={c}>
      {(t) => (
        <div>
          <p className="muted">
            <Link to="/consultations">← consultations</Link>
          </p>
          <h1>Consultation · {t.subject}</h1>
          <p className="muted">On case {t.caseReference}. The thread is shared with the countries taking part; the case itself only as its owner shares it.</p>
          <Thread id={t.id} subject={t.subject} countries={t.countries} createdAt={t.createdAt} />
        </div>
      )}
    </Loader>
  );
}

// Statistics dashboard: programme totals, victims identified over time (cumulative), per-country figures. SVG charts.
import { Loader, fmtDateTime } from '../components/common.js';
import { useGet } from '../query.js';
import { BarChart, LineChart } from '../components/Charts.js';
import type { paths } from '../api-types.js';

type Stats = paths['/api/v1/stats']['get']['responses'][200]['content']['application/json'];

const TOTAL_LABELS: Record<string, string> = {
  media: 'Media',
  series: 'Series',
  victims: 'Victims',
  victimsIdentified: 'Victims identified',
  victimsRescued: 'Victims rescued',
  offenders: 'Offenders',
  offendersIdentified: 'Offenders identified',
  countriesConnected: 'Countries connected',
  agencies: 'Agencies',
};

export function StatsPage() {
  const stats = useGet<Stats>('/api/v1/stats');
  return (
    <section>
      <h1>Statistics</h1>
      <Loader state={stats}>
        {(s) => {
          let identified = 0,
            rescued = 0;
          const months = s.identificationsPerMonth.map((m) => ({
            month: m.month.slice(0, 7),
            identified: (identified += m.victimsIdentified),
            rescued: (rescued += m.victimsRescued),
          }));
          return (
            <>
              <div className="kpis" data-testid="kpis">
                {Object.entries(s.totals).map(([k, v]) => (
                  <div key={k} className="kpi">
                    <div className="kpi-value">{v}</div>
                    <div className="kpi-label">{TOTAL_LABELS[k] ?? k}</div>
                  </div>
                ))}
              </div>
              <div className="cards stats-cards">
                <section className="panel">
                  <LineChart
                    title="Victims identified over time (cumulative, by month)"
                    points={months.map((m) => ({ label: m.month, value: m.identified }))}
                  />
                </section>
                <section className="panel">
                  <LineChart title="Victims rescued over time (cumulative, by month)" points={months.map((m) => ({ label: m.month, value: m.rescued }))} />
                </section>
                <section className="panel">
                  <BarChart
                    title="Identifications per identifying country"
                    series={['victims identified', 'offenders identified']}
                    rows={s.perCountry.map((c) => ({ label: c.country, values: [c.victimsIdentified, c.offendersIdentified] }))}
                  />
                </section>
                <section className="panel">
                  <BarChart
                    title="Contributions per owner country"
                    series={['media', 'series']}
                    rows={s.perCountry.map((c) => ({ label: c.country, values: [c.media, c.series] }))}
                  />
                </section>
              </div>
              <p className="muted small">Figures only, no case data. Generated {fmtDateTime(s.generatedAt)}.</p>
            </>
          );
        }}
      </Loader>
    </section>
  );
}

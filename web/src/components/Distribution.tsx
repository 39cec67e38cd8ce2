// Who may see a record: agency only, country only, named countries, or all member countries.
import { useGet } from '../query.js';
import type { paths } from '../api-types.js';

export type DistributionKind = 'agency' | 'country' | 'countries' | 'all';
export interface Distribution {
  distribution: DistributionKind;
  sharedWith: string[];
}
export type Country = paths['/api/v1/countries']['get']['responses'][200]['content']['application/json']['countries'][number];

export function useCountries() {
  const all = useGet<{ countries: Country[] }>('/api/v1/countries');
  return { ...all, data: all.data?.countries, setData: (countries: Country[]) => all.setData({ countries }) };
}

/** Country code → "Germany (DE)", from the member-country list (falls back to the code). */
export function useCountryNames() {
  const countries = useCountries();
  const list: Country[] = countries.data ?? [];
  const name = (code: string | null | undefined) => {
    if (!code) return '—';
    const c = list.find((x) => x.code === code);
    return c ? `${c.name} (${c.code})` : code;
  };
  const members = list.filter((c) => !c.is_hub);
  return { name, members };
}

export function DistributionFields({ value, onChange }: { value: Distribution; onChange(d: Distribution): void }) {
  const countries = useCountries();
  return (
    <fieldset className="distribution">
      <legend>Shared with</legend>
      <select
        name="distribution"
        aria-label="Shared with"
        value={value.distribution}
        onChange={(e) => onChange({ ...value, distribution: e.target.value as DistributionKind })}
      >
        <option value="agency">my agency only</option>
        <option value="country">my country</option>
        <option value="countries">named countries</option>
        <option value="all">all member countries</option>
      </select>
      {value.distribution === 'countries' && (
        <div className="checks">
          {(countries.data ?? []).map((c) => (
            <label key={c.code} className="inline">
              <input
                type="checkbox"
                checked={value.sharedWith.includes(c.code)}
                onChange={(e) =>
                  onChange({ ...value, sharedWith: e.target.checked ? [...value.sharedWith, c.code] : value.sharedWith.filter((x) => x !== c.code) })
                }
              />
              {c.name} ({c.code})
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}

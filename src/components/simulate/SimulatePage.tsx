/**
 * What-if questions against the vault's rules: "how many licenses would we
 * need with Floating mode?", "what if we cut 10 licenses?", "what would Take
 * Oldest Out change?". Up to three scenarios over one demand (generated, or
 * the one in the loaded export), run in a worker, compared side by side and,
 * for the loaded export, with what the export itself shows.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { browserZone } from '../../lib/format.ts';
import { capacityOf, type Inventory } from '../../lib/inventory/schema.ts';
import { exportBaseline, localDays } from '../../lib/simulator/baseline.ts';
import { DEFAULT_CATALOG, SMALL_ORGANISATION_CAPACITY, type CatalogItem } from '../../lib/simulator/catalog.ts';
import { MAX_TRIALS, PER_USER_MODES } from '../../lib/simulator/rules.ts';
import {
  catalogFromSessions,
  defaultScenarios,
  loadedDemand,
  scenarioFromPlan,
  type Day,
  type Outcome,
  type Scenario,
} from '../../lib/simulator/scenario.ts';
import { loadedSessions } from '../../lib/queries/demand.ts';
import type { Vault } from '../../lib/vault.ts';
import { downloadText } from '../download.ts';
import { QueryError } from '../QueryError.tsx';
import { useQuery } from '../useQuery.ts';
import type { DemandRequest, FromWorker, ToWorker } from './protocol.ts';
import { Results } from './Results.tsx';

const PLANS: Record<Scenario['plan'], string> = {
  trial: 'Trial',
  'organization-true-up': 'Organization True-Up',
  'enterprise-floating': 'Enterprise Floating',
};
const GENERATED_START = '2026-10-05';

interface Props {
  vault: () => Promise<Vault>;
  hasData: boolean;
  /** Changes whenever the loaded data changes. */
  version: number;
  inventory: Inventory;
}

function capacities(
  items: readonly string[],
  inventory: Inventory,
  fallback: Readonly<Record<string, number>>,
): Record<string, number> {
  return Object.fromEntries(
    items.map((i) => [i, capacityOf(inventory, i) ?? (Object.hasOwn(fallback, i) ? fallback[i] : undefined) ?? 10]),
  );
}

export function SimulatePage({ vault, hasData, version, inventory }: Props) {
  const [source, setSource] = useState<'generated' | 'loaded'>(hasData ? 'loaded' : 'generated');
  const [generated, setGenerated] = useState({ users: 40, days: 30, seed: 1 });
  const [catalog, setCatalog] = useState<CatalogItem[]>(DEFAULT_CATALOG as CatalogItem[]);
  const [scenarios, setScenarios] = useState<Scenario[]>([]);
  const [outcomes, setOutcomes] = useState<(Outcome | null)[]>([]);
  const [progress, setProgress] = useState<{ label: string; done: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const worker = useRef<Worker | null>(null);
  const ids = { users: useId(), days: useId(), seed: useId() };
  const [zone] = useState(browserZone);
  const [ran, setRan] = useState<{ loaded: boolean; days: Day[] }>({ loaded: false, days: [] });

  // The loaded sessions, read when they are the demand (and again when the data changes).
  const sessions = useQuery(async () => loadedSessions((await vault()).db), [vault], {
    enabled: source === 'loaded',
    dataVersion: version,
  });
  const loaded = sessions.data ?? null;
  // What the export itself shows, from the report's code (simulator/baseline.ts), read from the vault's kept
  // sweep when that is the baseline's.
  const baseline = useQuery(
    async () => {
      const v = await vault();
      return exportBaseline(v.db, zone, inventory, v.usage);
    },
    [vault, zone, inventory],
    { enabled: source === 'loaded', dataVersion: version },
  );

  // The catalog and default capacities follow the demand source.
  useEffect(() => {
    if (source === 'generated') {
      const items = DEFAULT_CATALOG.map((c) => c.name);
      setCatalog(DEFAULT_CATALOG as CatalogItem[]);
      setScenarios(defaultScenarios(capacities(items, inventory, SMALL_ORGANISATION_CAPACITY), inventory));
      return;
    }
    if (!loaded) return;
    const cat = catalogFromSessions(loaded, inventory);
    setCatalog(cat);
    setScenarios(
      defaultScenarios(
        capacities(
          cat.map((c) => c.name),
          inventory,
          {},
        ),
        inventory,
      ),
    );
  }, [source, loaded, inventory]);

  useEffect(() => () => worker.current?.terminate(), []);

  const run = () => {
    worker.current?.terminate();
    const w = new Worker(new URL('./simulate.worker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    setOutcomes(scenarios.map(() => null));
    setError(null);
    setProgress({ label: 'Starting', done: 0 });
    w.onmessage = (e: MessageEvent<FromWorker>) => {
      const m = e.data;
      if (m.kind === 'progress') setProgress({ label: m.label, done: m.done });
      else if (m.kind === 'outcome') setOutcomes((o) => o.map((x, i) => (i === m.index ? m.outcome : x)));
      else if (m.kind === 'done') setProgress(null);
      else if (m.kind === 'export')
        downloadText(`vaultlens-simulated-${m.index + 1}.csv`, m.csv, 'text/csv;charset=utf-8');
      else if (m.kind === 'error') {
        setError(m.message);
        setProgress(null);
      }
    };
    let demand: DemandRequest;
    let days: Day[];
    if (source === 'loaded' && loaded && loaded.length > 0) {
      // One pass over the sessions (a spread of a million of them into Math.min overflows the stack).
      const d = loadedDemand(loaded);
      // Over the export's report period when its figures are there, so both columns cover the same span.
      const span = baseline.data?.span ?? { from: d.from, until: d.until };
      days = baseline.data?.days ?? localDays(zone, span.from, span.until);
      demand = { source: 'loaded', users: d.users, runs: d.runs, ...span };
    } else {
      demand = { source: 'generated', ...generated, start: GENERATED_START };
      const from = Date.parse(`${GENERATED_START}T00:00:00Z`);
      days = localDays('UTC', from, from + generated.days * 86_400_000);
    }
    setRan({ loaded: demand.source === 'loaded', days });
    const message: ToWorker = { kind: 'run', demand, catalog, scenarios, inventory, days };
    w.postMessage(message);
  };

  const cancel = () => {
    worker.current?.terminate();
    worker.current = null;
    setProgress(null);
  };

  const edit = (i: number, patch: Partial<Scenario>) =>
    setScenarios((ss) => ss.map((s, j) => (j === i ? { ...s, ...patch } : s)));

  return (
    <section className="panel" aria-labelledby="simulate-title">
      <h2 id="simulate-title">Simulate the vault's rules</h2>
      <p className="muted">
        Replay a demand under other rules: another plan, Floating mode, a per-user mode, True-Up, fewer or more
        licenses. Everything runs in your browser.
      </p>
      <fieldset className="fieldset">
        <legend>Demand</legend>
        <label>
          <input
            type="radio"
            name="demand"
            checked={source === 'loaded'}
            disabled={!hasData}
            onChange={() => setSource('loaded')}
          />{' '}
          The loaded export{hasData ? '' : ' (load files first)'}
        </label>
        <label>
          <input type="radio" name="demand" checked={source === 'generated'} onChange={() => setSource('generated')} />{' '}
          A generated organisation
        </label>
        {source === 'generated' && (
          <div className="row">
            <div className="field">
              <label htmlFor={ids.users}>Users</label>
              <input
                id={ids.users}
                type="number"
                min={1}
                max={5000}
                value={generated.users}
                onChange={(e) => setGenerated({ ...generated, users: Math.max(1, Number(e.target.value) || 1) })}
              />
            </div>
            <div className="field">
              <label htmlFor={ids.days}>Days</label>
              <input
                id={ids.days}
                type="number"
                min={1}
                max={366}
                value={generated.days}
                onChange={(e) => setGenerated({ ...generated, days: Math.max(1, Number(e.target.value) || 1) })}
              />
            </div>
            <div className="field">
              <label htmlFor={ids.seed}>Seed</label>
              <input
                id={ids.seed}
                type="number"
                value={generated.seed}
                onChange={(e) => setGenerated({ ...generated, seed: Number(e.target.value) || 0 })}
              />
            </div>
          </div>
        )}
        {source === 'loaded' && sessions.pending && <p className="muted">Reading the loaded sessions…</p>}
        <QueryError error={sessions.error} lead="The loaded sessions could not be read" />
        <QueryError error={baseline.error} lead="The export's own figures could not be computed" />
      </fieldset>
      <div className="scenarios" hidden={source === 'loaded' && !loaded}>
        {scenarios.map((s, i) => (
          <ScenarioForm
            key={i}
            index={i}
            scenario={s}
            catalog={catalog}
            onChange={(p) => edit(i, p)}
            onRemove={scenarios.length > 1 ? () => setScenarios((ss) => ss.filter((_, j) => j !== i)) : undefined}
          />
        ))}
      </div>
      <div className="actions">
        {scenarios.length < 3 && (
          <button
            type="button"
            className="button"
            onClick={() => setScenarios((ss) => [...ss, { ...ss[ss.length - 1]!, name: `Scenario ${ss.length + 1}` }])}
          >
            Add a scenario
          </button>
        )}
        <button
          type="button"
          className="button button--primary"
          disabled={progress !== null || (source === 'loaded' && (!loaded || baseline.pending))}
          onClick={run}
        >
          Run the scenarios
        </button>
        {progress && (
          <>
            <progress aria-label="Simulation progress" max={1} value={progress.done} />
            <span aria-live="polite">{progress.label}…</span>
            <button type="button" className="button" onClick={cancel}>
              Cancel
            </button>
          </>
        )}
      </div>
      {error && (
        <p className="messages__problems" role="alert">
          {error}
        </p>
      )}
      {outcomes.some((o) => o !== null) && (
        <Results
          scenarios={scenarios}
          outcomes={outcomes}
          baseline={ran.loaded ? (baseline.data ?? null) : null}
          days={ran.days}
          onExport={(index) => worker.current?.postMessage({ kind: 'export', index } satisfies ToWorker)}
        />
      )}
    </section>
  );
}

function ScenarioForm({
  index,
  scenario,
  catalog,
  onChange,
  onRemove,
}: {
  index: number;
  scenario: Scenario;
  catalog: CatalogItem[];
  onChange: (p: Partial<Scenario>) => void;
  onRemove: (() => void) | undefined;
}) {
  const n = index + 1;
  return (
    <fieldset className="fieldset scenario" aria-label={`Scenario ${n}`}>
      <legend>Scenario {n}</legend>
      <div className="field">
        <label>
          Name
          <input
            value={scenario.name}
            onChange={(e) => onChange({ name: e.target.value.slice(0, 60) || `Scenario ${n}` })}
          />
        </label>
      </div>
      <div className="field">
        <label>
          Plan
          <select
            value={scenario.plan}
            onChange={(e) =>
              onChange(scenarioFromPlan(scenario.name, e.target.value as Scenario['plan'], scenario.capacity))
            }
          >
            {Object.entries(PLANS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
      </div>
      {scenario.plan === 'trial' && (
        <div className="field">
          <label>
            Trials (two months each, 10 free All Products Pack licenses)
            <select value={scenario.trials} onChange={(e) => onChange({ trials: Number(e.target.value) })}>
              {Array.from({ length: MAX_TRIALS }, (_, i) => (
                <option key={i} value={i + 1}>
                  {i + 1}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      <label>
        <input
          type="checkbox"
          checked={scenario.floating}
          disabled={scenario.plan !== 'trial'}
          onChange={(e) => onChange({ floating: e.target.checked })}
        />{' '}
        Floating mode
      </label>
      <div className="field">
        <label>
          Release without Floating mode after
          <select
            value={scenario.releaseDelayDays}
            disabled={scenario.floating}
            onChange={(e) => onChange({ releaseDelayDays: Number(e.target.value) })}
          >
            <option value={3}>3 days</option>
            <option value={30}>a month</option>
          </select>
        </label>
      </div>
      <div className="field">
        <label>
          A third machine
          <select
            value={scenario.perUserMode}
            disabled={scenario.plan !== 'enterprise-floating'}
            onChange={(e) => onChange({ perUserMode: e.target.value as Scenario['perUserMode'] })}
          >
            {PER_USER_MODES.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label>
        <input
          type="checkbox"
          checked={scenario.trueUpEnabled}
          disabled={scenario.plan !== 'enterprise-floating'}
          onChange={(e) => onChange({ trueUpEnabled: e.target.checked })}
        />{' '}
        True-Up
      </label>
      <div className="field">
        <label>
          True-Up limit %
          <input
            type="number"
            min={0}
            max={100}
            value={scenario.trueUpLimitPercent}
            disabled={!scenario.trueUpEnabled || scenario.plan !== 'enterprise-floating'}
            onChange={(e) => onChange({ trueUpLimitPercent: Math.min(100, Math.max(0, Number(e.target.value) || 0)) })}
          />
        </label>
      </div>
      <table className="compact" aria-label={`Licenses in scenario ${n}`}>
        <tbody>
          {catalog.map((c) => (
            <tr key={c.name}>
              <th scope="row">{c.name}</th>
              <td>
                <input
                  aria-label={`${c.name} licenses in scenario ${n}`}
                  type="number"
                  min={0}
                  size={5}
                  value={scenario.capacity[c.name] ?? 0}
                  onChange={(e) =>
                    onChange({
                      capacity: {
                        ...scenario.capacity,
                        [c.name]: Math.max(0, Math.round(Number(e.target.value) || 0)),
                      },
                    })
                  }
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {onRemove && (
        <button type="button" className="button" onClick={onRemove}>
          Remove scenario {n}
        </button>
      )}
    </fieldset>
  );
}

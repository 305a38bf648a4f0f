/**
 * The statistics cards, labelled as administrators know them from the vault
 * and the license monitor, with minor (yellow) and major (red) warning states,
 * each with its reason, and "Non-applicable" where no capacity is known
 * (docs/DOMAIN.md §3, §8.2).
 */
import { useId } from 'react';
import { cardSparklines, type Spark } from '../../lib/dashboard/sparkline.ts';
import { peakOfType, type LicenseTypeView } from '../../lib/dashboard/license-type.ts';
import { formatCount } from '../../lib/format.ts';
import { cardAlerts, type CardAlert, type Warning } from '../../lib/report/cards.ts';
import type { ItemReport, Report } from '../../lib/report/schema.ts';
import { Sparkbars } from './Sparkbars.tsx';

const NA = 'Non-applicable';

const WARNING_TEXT: Record<Warning, string> = {
  none: '',
  minor: 'Minor',
  major: 'Major',
  'not-applicable': '',
};

const QUIET: CardAlert = { warning: 'none', reason: null };

function Card({
  label,
  value,
  detail,
  alert,
  action,
  spark,
}: {
  label: string;
  value: string;
  detail?: string | undefined;
  alert: CardAlert;
  /** The figure's daily series over the period, drawn beside it. */
  spark?: Spark | undefined;
  /** Offered under the value when the card cannot be computed yet (e.g. to add capacity). */
  action?: { text: string; onClick: () => void } | undefined;
}) {
  const id = useId();
  const { warning, reason } = alert;
  return (
    <div className={`card card--${warning}`}>
      <h3 id={id} className="card__label">
        {label}
      </h3>
      <div className="card__figure">
        <p className={`card__value${value === NA ? ' card__value--na' : ''}`} aria-labelledby={id}>
          {value}
        </p>
        {spark && spark.values.length > 1 && (
          <Sparkbars
            className="card__spark"
            values={spark.values}
            marked={spark.marked}
            reference={spark.reference}
            width={72}
            height={26}
            label={spark.label}
          />
        )}
      </div>
      {warning === 'minor' || warning === 'major' ? (
        <p className="card__warning">
          <span className="card__badge" aria-hidden="true">
            !
          </span>{' '}
          {WARNING_TEXT[warning]}
          {reason && `: ${reason}`}
        </p>
      ) : null}
      {action ? (
        <button type="button" className="link card__detail" onClick={action.onClick}>
          {action.text}
        </button>
      ) : (
        detail && <p className="card__detail">{detail}</p>
      )}
    </div>
  );
}

function localTime(iso: string): string {
  return iso.replace('T', ' ').replace(/(:\d\d)(\.\d+)?([+-]\d\d:\d\d|Z)$/, '$1 $3');
}

/** What the cards read of an item: a report's, or a snapshot's. */
export type CardsItem = Pick<ItemReport, 'cards' | 'warnings' | 'capacity' | 'inUseNow' | 'usageRatio' | 'daily'>;

interface Props {
  item: CardsItem;
  threshold: number;
  licenseType: LicenseTypeView;
  /** The period's denials, over all items, when a denials file is loaded. */
  denials?: Report['denials'] | undefined;
  /** The item selected, when one is: the denial cards count all items and say so. */
  selectedItem?: string | undefined;
  /** Opens the inventory, where a capacity is added (the cards that need one offer it). */
  onInventory?: (() => void) | undefined;
}

export function StatCards({ item, threshold, licenseType, denials, selectedItem, onInventory }: Props) {
  const c = item.cards;
  const cap = item.capacity;
  const alerts = cardAlerts(c, { capacity: cap, inUseNow: item.inUseNow, threshold, periodDays: item.daily.length });
  const addCapacity =
    cap === null && onInventory ? { text: 'Add capacity in the inventory', onClick: onInventory } : undefined;
  const typed = licenseType !== 'all';
  const dailyPeaks = item.daily.map((d) => peakOfType(d.peak, cap, licenseType));
  const average = typed ? dailyPeaks.reduce((a, b) => a + b, 0) / Math.max(1, dailyPeaks.length) : c.averageDailyUsage;
  const peak = typed ? peakOfType(c.peakUsage.value, cap, licenseType) : c.peakUsage.value;
  const sparks = cardSparklines(
    item.daily.map((d, i) => ({ date: d.date, peak: dailyPeaks[i]!, average: d.average })),
    cap,
    threshold,
  );
  return (
    <section className="cards" aria-label="Statistics cards">
      <Card
        label="Average daily license usage"
        value={average.toFixed(1)}
        detail={
          cap === null
            ? 'mean of the daily peaks'
            : `mean of the daily peaks, ${Math.round((average / cap) * 100)} % of ${formatCount(cap)}`
        }
        alert={typed ? QUIET : alerts.averageDailyUsage}
        spark={sparks.averageDailyUsage}
      />
      <Card
        label="Peak license usage"
        value={formatCount(peak)}
        detail={
          typed
            ? undefined
            : `first at ${localTime(c.peakUsage.at)}, ${formatCount(Math.round(c.peakUsage.minutesAtPeak))} min at peak`
        }
        alert={typed ? QUIET : alerts.peakUsage}
        spark={sparks.peakUsage}
      />
      <Card
        label="Days over license threshold"
        value={c.daysOverThreshold === null ? NA : formatCount(c.daysOverThreshold)}
        detail={c.daysOverThreshold === null ? 'add capacity in the inventory' : `peak ≥ ${threshold} % of capacity`}
        alert={alerts.daysOverThreshold}
        spark={c.daysOverThreshold === null ? undefined : sparks.daysOverThreshold}
        action={addCapacity}
      />
      <Card
        label="Days at capacity"
        value={c.daysAtCapacity === null ? NA : formatCount(c.daysAtCapacity)}
        detail={c.daysAtCapacity === null ? 'add capacity in the inventory' : 'red bars in the chart'}
        alert={alerts.daysAtCapacity}
        spark={c.daysAtCapacity === null ? undefined : sparks.daysAtCapacity}
        action={addCapacity}
      />
      <Card
        label="In use now"
        value={formatCount(item.inUseNow)}
        detail={
          item.usageRatio === null ? 'usage ratio: no capacity' : `usage ratio ${Math.round(item.usageRatio * 100)} %`
        }
        alert={alerts.inUseNow}
        spark={sparks.inUseNow}
      />
      {denials && (
        <>
          <Card
            label="Denied users"
            value={formatCount(denials.users)}
            detail={`${formatCount(denials.total)} denials in the period, all items${selectedItem ? `, not only ${selectedItem}` : ''}`}
            alert={{
              warning: denials.warnings.deniedUsers,
              reason:
                denials.warnings.deniedUsers === 'major'
                  ? '≥ 10 % of active users'
                  : `${formatCount(denials.users)} denied`,
            }}
          />
          <Card
            label="Days with denials"
            value={formatCount(denials.daysWithDenials)}
            detail="see the Denials tab"
            alert={{
              warning: denials.warnings.daysWithDenials,
              reason: `${formatCount(denials.daysWithDenials)} of ${formatCount(item.daily.length)} days${
                denials.warnings.daysWithDenials === 'major' ? ' (> 20 %)' : ''
              }`,
            }}
          />
        </>
      )}
    </section>
  );
}

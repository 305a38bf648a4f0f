/**
 * The statistics cards, labelled as administrators know them from the vault
 * and the license monitor, with minor (yellow) and major (red) warning states
 * and "Non-applicable" where no capacity is known (docs/DOMAIN.md §3).
 */
import { useId } from 'react';
import { peakOfType, type LicenseTypeView } from '../../lib/dashboard/license-type.ts';
import { formatCount } from '../../lib/format.ts';
import type { Warning } from '../../lib/report/cards.ts';
import type { ItemReport, Report } from '../../lib/report/schema.ts';

const NA = 'Non-applicable';

const WARNING_TEXT: Record<Warning, string> = {
  none: '',
  minor: 'Minor warning',
  major: 'Major warning',
  'not-applicable': '',
};

function Card({
  label,
  value,
  detail,
  warning,
}: {
  label: string;
  value: string;
  detail?: string | undefined;
  warning: Warning;
}) {
  const id = useId();
  return (
    <div className={`card card--${warning}`}>
      <h3 id={id} className="card__label">
        {label}
      </h3>
      <p className={`card__value${value === NA ? ' card__value--na' : ''}`} aria-labelledby={id}>
        {value}
      </p>
      {warning === 'minor' || warning === 'major' ? (
        <p className="card__warning">
          <span className="card__badge" aria-hidden="true">
            !
          </span>{' '}
          {WARNING_TEXT[warning]}
        </p>
      ) : null}
      {detail && <p className="card__detail">{detail}</p>}
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
}

export function StatCards({ item, threshold, licenseType, denials }: Props) {
  const c = item.cards;
  const w = item.warnings;
  const cap = item.capacity;
  const typed = licenseType !== 'all';
  const dailyPeaks = item.daily.map((d) => peakOfType(d.peak, cap, licenseType));
  const average = typed ? dailyPeaks.reduce((a, b) => a + b, 0) / Math.max(1, dailyPeaks.length) : c.averageDailyUsage;
  const peak = typed ? peakOfType(c.peakUsage.value, cap, licenseType) : c.peakUsage.value;
  return (
    <section className="cards" aria-label="Statistics cards">
      <Card
        label="Average daily license usage"
        value={average.toFixed(1)}
        detail={
          cap === null
            ? 'no capacity in the inventory'
            : `${Math.round((average / cap) * 100)} % of ${formatCount(cap)}`
        }
        warning={typed ? 'none' : w.averageDailyUsage}
      />
      <Card
        label="Peak license usage"
        value={formatCount(peak)}
        detail={
          typed
            ? undefined
            : `first at ${localTime(c.peakUsage.at)}, ${formatCount(Math.round(c.peakUsage.minutesAtPeak))} min at peak`
        }
        warning={typed ? 'none' : w.peakUsage}
      />
      <Card
        label="Days over license threshold"
        value={c.daysOverThreshold === null ? NA : formatCount(c.daysOverThreshold)}
        detail={c.daysOverThreshold === null ? 'add capacity in the inventory' : `peak ≥ ${threshold} % of capacity`}
        warning={w.daysOverThreshold}
      />
      <Card
        label="Days at capacity"
        value={c.daysAtCapacity === null ? NA : formatCount(c.daysAtCapacity)}
        detail={c.daysAtCapacity === null ? 'add capacity in the inventory' : 'red bars in the chart'}
        warning="none"
      />
      <Card
        label="In use now"
        value={formatCount(item.inUseNow)}
        detail={
          item.usageRatio === null ? 'usage ratio: no capacity' : `usage ratio ${Math.round(item.usageRatio * 100)} %`
        }
        warning="none"
      />
      {denials && (
        <>
          <Card
            label="Denied users"
            value={formatCount(denials.users)}
            detail={`${formatCount(denials.total)} denials in the period, all items`}
            warning={denials.warnings.deniedUsers}
          />
          <Card
            label="Days with denials"
            value={formatCount(denials.daysWithDenials)}
            detail="see the Denials tab"
            warning={denials.warnings.daysWithDenials}
          />
        </>
      )}
    </section>
  );
}

/**
 * What the address opened: a view link, a snapshot, a refused link, or
 * nothing. Read at start and whenever the fragment changes under the page
 * (a link pasted into the address bar), except for fragments the page wrote
 * itself while the user worked.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { decodeSnapshot } from '../../lib/share/snapshot-codec.ts';
import type { Snapshot } from '../../lib/share/snapshot-schema.ts';
import { decodeViewLink, isViewFragment, type ViewLink } from '../../lib/share/view-link.ts';

export type Opened =
  | { kind: 'none' }
  | { kind: 'pending' }
  | { kind: 'view'; link: ViewLink }
  | { kind: 'snapshot'; snapshot: Snapshot; from: 'link' | 'file' }
  | { kind: 'refused'; message: string };

const SNAPSHOT = 'snapshot=';

/** A snapshot or a view link (valid or not), as opposed to an anchor like #main. */
function isLink(fragment: string): boolean {
  return fragment.startsWith(SNAPSHOT) || isViewFragment(fragment);
}

function fragmentOf(): string {
  return window.location.hash.replace(/^#/, '');
}

/** The synchronous part: view links at once, snapshots as pending (they unpack asynchronously). */
function readNow(fragment: string): Opened {
  if (fragment === '') return { kind: 'none' };
  if (fragment.startsWith(SNAPSHOT)) return { kind: 'pending' };
  if (isViewFragment(fragment)) {
    const result = decodeViewLink(fragment);
    return result.ok ? { kind: 'view', link: result.link } : { kind: 'refused', message: result.message };
  }
  return { kind: 'none' };
}

export function useOpenedLink() {
  const [opened, setOpened] = useState<Opened>(() => readNow(fragmentOf()));
  // Bumped whenever a new link is opened: views keyed on it start again from the link.
  const [generation, setGeneration] = useState(0);
  const written = useRef<string | null>(null);

  const open = useCallback((fragment: string) => {
    const now = readNow(fragment);
    setOpened(now);
    setGeneration((g) => g + 1);
    if (now.kind !== 'pending') return;
    const settle = (next: Opened) => {
      // Only if the address still says so: another link may have come meanwhile.
      if (fragmentOf() === fragment) setOpened(next);
    };
    decodeSnapshot(fragment.slice(SNAPSHOT.length)).then(
      (r) =>
        settle(
          r.ok ? { kind: 'snapshot', snapshot: r.snapshot, from: 'link' } : { kind: 'refused', message: r.message },
        ),
      () => settle({ kind: 'refused', message: 'This snapshot link cannot be opened: it is damaged.' }),
    );
  }, []);

  useEffect(() => {
    // A snapshot link the page started on is unpacked now (readNow only said "pending").
    const start = fragmentOf();
    if (readNow(start).kind === 'pending') open(start);
    const changed = () => {
      const fragment = fragmentOf();
      // Only links: the skip link's #main, or any other anchor, must not start the page again.
      if (fragment !== written.current && isLink(fragment)) open(fragment);
    };
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
    // Once, at start (`open` never changes): later changes arrive through the listener.
  }, [open]);

  /** Puts the current view in the address without a history entry per click. */
  const write = useCallback((fragment: string) => {
    written.current = fragment;
    if (fragmentOf() !== fragment) window.history.replaceState(null, '', `#${fragment}`);
  }, []);

  /** Leaves a snapshot or a refused link: the page as usual, with a clean address. */
  const leave = useCallback(() => {
    // Forget what was written: the page writes its view again once the snapshot or refusal is gone.
    written.current = null;
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    setOpened({ kind: 'none' });
  }, []);

  const showSnapshot = useCallback((snapshot: Snapshot) => setOpened({ kind: 'snapshot', snapshot, from: 'file' }), []);
  const refuse = useCallback((message: string) => setOpened({ kind: 'refused', message }), []);

  return {
    opened,
    generation,
    write,
    leave,
    showSnapshot,
    refuse,
  };
}

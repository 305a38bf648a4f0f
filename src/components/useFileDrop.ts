/**
 * Files dropped on the page, before or after data is loaded. A drop while a
 * load runs is not queued (the source zone may change, or the load be
 * cancelled, meanwhile): it is said, so nothing is lost without a word.
 */
import { useCallback, useState, type DragEvent } from 'react';
import { formatCountOf } from '../lib/format.ts';

export interface FileDrop {
  /** Handlers for the element that takes drops. */
  onDragOver: (e: DragEvent) => void;
  onDrop: (e: DragEvent) => void;
  /** Why the last drop was turned away, or null. */
  turnedAway: string | null;
  /** Forgets the message (a new load was asked by other means). */
  clearTurnedAway: () => void;
}

/** The sentence for `count` files dropped during a load. */
export function turnedAwayMessage(count: number): string {
  const one = count === 1;
  return `${formatCountOf(count, 'file')} dropped while a load was running ${one ? 'was' : 'were'} not loaded: drop ${one ? 'it' : 'them'} again once the load has finished.`;
}

export function useFileDrop(busy: boolean, onFiles: (files: File[]) => void): FileDrop {
  const [turnedAway, setTurnedAway] = useState<string | null>(null);
  const onDragOver = useCallback((e: DragEvent) => {
    // Only file drags are taken: text dragged within the page keeps its usual behaviour.
    if (e.dataTransfer.types.includes('Files')) e.preventDefault();
  }, []);
  const onDrop = useCallback(
    (e: DragEvent) => {
      const files = [...e.dataTransfer.files];
      if (files.length === 0) return;
      e.preventDefault();
      if (busy) {
        setTurnedAway(turnedAwayMessage(files.length));
        return;
      }
      setTurnedAway(null);
      onFiles(files);
    },
    [busy, onFiles],
  );
  const clearTurnedAway = useCallback(() => setTurnedAway(null), []);
  return { onDragOver, onDrop, turnedAway, clearTurnedAway };
}

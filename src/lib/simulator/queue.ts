/** A binary min-heap of timed events: by time, then by rank (ends before starts), then by insertion. */
export interface Timed {
  t: number;
  rank: number;
}

export class EventQueue<E extends Timed> {
  private heap: { e: E; seq: number }[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(e: E): void {
    const heap = this.heap;
    heap.push({ e, seq: this.seq++ });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  pop(): E | undefined {
    const heap = this.heap;
    if (heap.length === 0) return undefined;
    const top = heap[0]!.e;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && this.less(l, m)) m = l;
        if (r < heap.length && this.less(r, m)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top;
  }

  private less(a: number, b: number): boolean {
    const x = this.heap[a]!;
    const y = this.heap[b]!;
    return x.e.t - y.e.t || x.e.rank - y.e.rank || x.seq - y.seq
      ? (x.e.t - y.e.t || x.e.rank - y.e.rank || x.seq - y.seq) < 0
      : false;
  }
}

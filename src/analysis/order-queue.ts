/**
 * The search frontier of the margin's branch and bound: partial elimination orders kept in a binary heap,
 * smallest lower bound first, and among equal bounds the longest order first (it is nearest a full order,
 * whose solution is exact).
 */
import type { CandidateIndex } from '../count/ballots.ts';
import type { BallotChange } from './witness.ts';

export interface OrderNode {
  /** A suffix of an elimination order: the last candidate wins. */
  readonly order: readonly CandidateIndex[];
  /** Fewest ballots any change following this suffix needs. */
  readonly bound: bigint;
  /** The suffix program's solution, which its children may inherit (irv-order-check.ts). */
  readonly solution?: { readonly cost: bigint; readonly changes: readonly BallotChange[] };
}

function before(a: OrderNode, b: OrderNode): boolean {
  return a.bound < b.bound || (a.bound === b.bound && a.order.length > b.order.length);
}

export class OrderQueue {
  private readonly heap: OrderNode[] = [];

  get size(): number {
    return this.heap.length;
  }

  peek(): OrderNode | undefined {
    return this.heap[0];
  }

  push(node: OrderNode): void {
    const h = this.heap;
    h.push(node);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i] as OrderNode, h[parent] as OrderNode)) break;
      [h[i], h[parent]] = [h[parent] as OrderNode, h[i] as OrderNode];
      i = parent;
    }
  }

  pop(): OrderNode | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length === 0 || last === undefined) return top;
    h[0] = last;
    let i = 0;
    for (;;) {
      const [l, r] = [2 * i + 1, 2 * i + 2];
      let next = i;
      if (l < h.length && before(h[l] as OrderNode, h[next] as OrderNode)) next = l;
      if (r < h.length && before(h[r] as OrderNode, h[next] as OrderNode)) next = r;
      if (next === i) return top;
      [h[i], h[next]] = [h[next] as OrderNode, h[i] as OrderNode];
      i = next;
    }
  }
}

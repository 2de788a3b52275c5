/**
 * Consecutive sectors of one chunk: `count` sectors from `sector`. The unit every range argument
 * resolves to, and (when at most 64 sectors) what one scalar command addresses.
 */
export interface SectorSpan {
  readonly group: number;
  readonly punit: number;
  readonly chunk: number;
  /** First sector within the chunk. */
  readonly sector: number;
  /** Number of sectors, at least 1. */
  readonly count: number;
}

/** `g/p/c/s` for one sector, `g/p/c/s-e` (inclusive) for more. */
export function formatSpan(span: SectorSpan): string {
  const chunk = `${span.group}/${span.punit}/${span.chunk}`;
  const last = span.sector + span.count - 1;
  return span.count === 1 ? `${chunk}/${span.sector}` : `${chunk}/${span.sector}-${last}`;
}

/** Total number of sectors in `spans`. */
export function countSectors(spans: readonly SectorSpan[]): number {
  return spans.reduce((sum, span) => sum + span.count, 0);
}

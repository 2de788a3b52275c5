/** `1 group`, `2 groups`: `count` and `noun`, plural unless the count is 1. */
export function countNoun(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

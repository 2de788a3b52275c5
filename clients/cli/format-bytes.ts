const UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"] as const;

/** `nbytes` in binary units with up to one decimal, e.g. `4 KiB`, `1.5 GiB`. */
export function formatBytes(nbytes: number | bigint): string {
  let value = Number(nbytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const text = Number.isInteger(value) ? String(value) : value.toFixed(1);
  return `${text} ${UNITS[unit]}`;
}

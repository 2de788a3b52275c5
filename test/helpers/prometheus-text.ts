/**
 * Parses the Prometheus text format into `name{label="value",...}` → value, labels in the order
 * the server wrote them. Comments and blank lines are skipped.
 */
export function parsePrometheusText(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const at = line.lastIndexOf(" ");
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return samples;
}

/** Scrapes `http://address/metrics` and parses it. */
export async function scrapeMetrics(address: string): Promise<Map<string, number>> {
  const response = await fetch(`http://${address}/metrics`);
  if (response.status !== 200) throw new Error(`/metrics answered ${response.status}`);
  return parsePrometheusText(await response.text());
}

// A snippet cut into plain and marked parts. The backend counts highlight ranges in UTF-8
// bytes; JavaScript strings count UTF-16 units, so the ranges are applied to the bytes.

export interface Part {
  text: string;
  mark: boolean;
}

export function highlightParts(snippet: string, highlights: readonly (readonly [number, number])[]): Part[] {
  const bytes = new TextEncoder().encode(snippet);
  const decode = (a: number, b: number) => new TextDecoder().decode(bytes.subarray(a, b));
  const parts: Part[] = [];
  let at = 0;
  for (const [a, b] of [...highlights].sort((x, y) => x[0] - y[0])) {
    if (a < at || b > bytes.length || a >= b) continue; // out of place: left unmarked
    if (a > at) parts.push({ text: decode(at, a), mark: false });
    parts.push({ text: decode(a, b), mark: true });
    at = b;
  }
  if (at < bytes.length) parts.push({ text: decode(at, bytes.length), mark: false });
  return parts;
}

/**
 * A cheap size check on ESRI ASCII grid uploads, before the SDK parses them: the grid size the header
 * claims and the number of values, counted without allocating. (GeoTIFF guards: tiff-guard.ts.)
 * Parsing itself stays with the SDK; when a header cannot be read this returns null and the SDK
 * reports the file.
 */

/** Header keys of an ESRI ASCII grid. */
const HEADER = /^(ncols|nrows|xllcorner|xllcenter|yllcorner|yllcenter|cellsize|nodata_value)$/i;

/**
 * `ncols`, `nrows` and the number of values after the header of an ESRI ASCII grid, counted
 * without splitting the text into an array (a 250 MB upload would otherwise become tens of millions
 * of strings before the count could be compared).
 */
export function peekAsciiGridSize(text: string): { width: number; height: number; values: number } | null {
  let pos = 0;
  const header: Record<string, number> = {};
  const nextToken = (): string | null => {
    while (pos < text.length && /\s/.test(text[pos] as string)) pos++;
    if (pos >= text.length) return null;
    const start = pos;
    while (pos < text.length && !/\s/.test(text[pos] as string)) pos++;
    return text.slice(start, pos);
  };
  let token = nextToken();
  while (token !== null && HEADER.test(token)) {
    header[token.toLowerCase()] = Number(nextToken());
    token = nextToken();
  }
  const width = header.ncols;
  const height = header.nrows;
  if (width === undefined || height === undefined || !Number.isFinite(width) || !Number.isFinite(height)) return null;
  let values = token === null ? 0 : 1;
  let inToken = false;
  for (let i = pos; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || c === 10 || c === 13 || c === 9;
    if (!space && !inToken) values++;
    inToken = !space;
  }
  return { width, height, values };
}

// The places of an approved template, {{1}}, {{2}} …, and the text it makes.

// placeCount is the highest place number in a template's body.
export function placeCount(body: string): number {
  let n = 0;
  for (const m of body.matchAll(/\{\{(\d+)\}\}/g)) n = Math.max(n, Number(m[1]));
  return Math.min(n, 20);
}

// fillTemplate puts the values into the places, as the server does; a place
// without a value shows as it is.
export function fillTemplate(body: string, params: string[]): string {
  return body.replace(/\{\{(\d+)\}\}/g, (whole, n: string) => params[Number(n) - 1] || whole);
}

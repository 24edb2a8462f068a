// The bundled fonts come in many small unicode-range slices, fetched when first needed
// — from this same kiosk. Fetching every slice the console's own strings need up front
// keeps "reconnecting…" legible while the kiosk is down.
const FACES = [
  '400 1em "Noto Sans JP"',
  '700 1em "Noto Sans JP"',
  '400 1em "Noto Sans"',
  '700 1em "Noto Sans"',
  '400 1em "Noto Sans SC"',
  '400 1em "Noto Sans TC"',
  '400 1em "Noto Sans KR"',
  '400 1em "Noto Sans Devanagari"',
  '400 1em "Noto Sans Thai"',
  '400 1em "Noto Sans Myanmar"',
];

/**
 * Fetches the slices for `texts` once the page has painted and the browser is idle: the first
 * screen needs only its own few slices, and megabytes of others before it would hold it back.
 */
export function preloadConsoleGlyphs(texts: string[]): void {
  const characters = [...new Set(texts.join(''))].join('');
  const load = () => {
    for (const face of FACES) void document.fonts.load(face, characters).catch(() => undefined);
  };
  const whenIdle = () => (typeof requestIdleCallback === 'function' ? requestIdleCallback(load, { timeout: 3000 }) : setTimeout(load, 500));
  if (document.readyState === 'complete') whenIdle();
  else addEventListener('load', whenIdle, { once: true });
}

/** Every string in a locale tree, for `preloadConsoleGlyphs`. */
export function stringsOf(tree: unknown): string[] {
  if (typeof tree === 'string') return [tree];
  if (typeof tree !== 'object' || tree === null) return [];
  return Object.values(tree).flatMap(stringsOf);
}

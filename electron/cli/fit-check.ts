// Does the screen on show fit the tablet? The one set of checks behind `kokuchi preview`
// and the every-language test: no clipped or overflowing text, nothing wider or taller than
// the screen (only the notice text may scroll), both answers fully visible and not covered,
// every button at least 64×64 CSS px, and the screen's `lang` the resident's language.
import type { Page } from 'playwright-core';

export interface FitOptions {
  /** The language the screen must declare in its `lang`; null to skip (idle, maintenance). */
  language: string | null;
}

export interface FitReport {
  /** The shown screen's `data-testid` without `screen-`, or null if none is shown. */
  screen: string | null;
  /** One sentence per problem, naming the element; empty when the screen fits. */
  problems: string[];
}

/** Smallest touch target on the kiosk (product.md). */
export const MIN_TARGET_PX = 64;

export function checkFit(page: Page, options: FitOptions): Promise<FitReport> {
  const input = JSON.stringify({ ...options, minTarget: MIN_TARGET_PX });
  // Sent as source: a transpiler that keeps function names (tsx, esbuild keepNames) calls a
  // `__name` helper the page does not have, so the source gets a harmless local one.
  return page.evaluate<FitReport>(`((__name) => (${fitInPage.toString()})(${input}))((fn) => fn)`);
}

// The few DOM shapes the in-page check uses (this file compiles with the Node libs only).
interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
  width: number;
  height: number;
}
interface PageNode {
  nodeType: number;
  nodeValue: string | null;
}
interface PageElement extends PageNode {
  tagName: string;
  className: unknown;
  textContent: string | null;
  scrollWidth: number;
  clientWidth: number;
  scrollHeight: number;
  clientHeight: number;
  childNodes: ArrayLike<PageNode>;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): Box;
  getClientRects(): ArrayLike<Box>;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  matches(selector: string): boolean;
  closest(selector: string): PageElement | null;
  contains(other: PageElement | null): boolean;
}
interface PageGlobal {
  innerWidth: number;
  innerHeight: number;
  document: {
    querySelector(selector: string): PageElement | null;
    scrollingElement: PageElement | null;
    fonts: { ready: Promise<unknown> };
    elementFromPoint(x: number, y: number): PageElement | null;
    createRange(): { selectNodeContents(node: PageNode): void; getClientRects(): ArrayLike<Box> };
    getAnimations(): { finished: Promise<unknown>; effect: { getTiming(): { iterations?: number } } | null }[];
  };
  getComputedStyle(element: PageElement): { display: string; visibility: string };
  requestAnimationFrame(callback: () => void): number;
}

/** Runs inside the page (serialised by page.evaluate): self-contained, no imports. */
async function fitInPage(options: FitOptions & { minTarget: number }): Promise<FitReport> {
  const page = globalThis as unknown as PageGlobal;
  const doc = page.document;
  // Measure the final state: web fonts loaded (a fallback font has other widths), transitions
  // over (a button mid-way to its pressed colour has no contrast yet), two frames painted.
  await doc.fonts.ready;
  const finite = doc.getAnimations().filter((animation) => animation.effect?.getTiming().iterations !== Infinity);
  await Promise.all(finite.map((animation) => animation.finished.catch(() => undefined)));
  for (let frame = 0; frame < 2; frame++) await new Promise<void>((resolve) => page.requestAnimationFrame(() => resolve()));

  const width = page.innerWidth;
  const height = page.innerHeight;
  const slack = 1; // sub-pixel rounding
  const problems: string[] = [];
  const screen = doc.querySelector('[data-testid^="screen-"]');
  const screenName = screen?.getAttribute('data-testid')?.replace(/^screen-/, '') ?? null;
  if (!screen) return { screen: null, problems: ['no screen is shown'] };

  const describe = (element: PageElement): string => {
    const id = element.getAttribute('data-testid');
    const cls = typeof element.className === 'string' && element.className ? `.${element.className.trim().split(/\s+/).join('.')}` : '';
    const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
    return `${element.tagName.toLowerCase()}${id ? `[${id}]` : cls}${text ? ` "${text.length > 40 ? `${text.slice(0, 40)}…` : text}"` : ''}`;
  };
  const size = (box: Box) => `${Math.round(box.width)}×${Math.round(box.height)}`;
  // Only the notice text may scroll (vertically); the tools and answers stay put around it.
  const scroller = '.notice-body';
  // Hidden on purpose: screen-reader-only text, and anything inside a closed dialog.
  const hidden = (element: PageElement) =>
    element.closest('.visually-hidden') !== null || element.closest('dialog:not([open])') !== null;
  const rendered = (element: PageElement) => element.getClientRects().length > 0 && page.getComputedStyle(element).visibility !== 'hidden';

  const pageBox = doc.scrollingElement;
  if (pageBox && pageBox.scrollWidth > width + slack) problems.push(`the page is ${pageBox.scrollWidth} px wide, wider than the ${width} px screen`);
  if (pageBox && pageBox.scrollHeight > height + slack) problems.push(`the page is ${pageBox.scrollHeight} px tall, taller than the ${height} px screen`);

  const root = screen.closest('.kiosk') ?? screen;
  const elements = [root, ...Array.from(root.querySelectorAll('*'))].filter((element) => !hidden(element) && rendered(element));
  for (const element of elements) {
    const display = page.getComputedStyle(element).display;
    if (display === 'inline' || display === 'contents' || display.startsWith('ruby')) continue; // no box of its own to overflow
    if (element.scrollWidth > element.clientWidth + slack) {
      problems.push(`${describe(element)} overflows its box sideways (${element.scrollWidth} px in ${element.clientWidth} px)`);
    }
    if (element.scrollHeight > element.clientHeight + slack && !element.matches(scroller)) {
      problems.push(`${describe(element)} overflows its box downwards (${element.scrollHeight} px in ${element.clientHeight} px)`);
    }
  }

  // Text that leaves the screen, even where no box clips it.
  const range = doc.createRange();
  const reported = new Set<PageElement>();
  const answers = '[data-testid="ack"], [data-testid="question"]'; // checked on their own below
  for (const element of elements) {
    if (element.closest(answers)) continue;
    const inScroller = element.closest(scroller) !== null;
    for (const node of Array.from(element.childNodes)) {
      if (node.nodeType !== 3 || !node.nodeValue?.trim()) continue;
      range.selectNodeContents(node);
      const off = Array.from(range.getClientRects()).some(
        (box) => box.left < -slack || box.right > width + slack || (!inScroller && (box.top < -slack || box.bottom > height + slack)),
      );
      if (off && !reported.has(element)) {
        reported.add(element);
        problems.push(`${describe(element)} runs off the screen`);
      }
    }
  }

  for (const button of elements.filter((element) => element.tagName === 'BUTTON')) {
    const box = button.getBoundingClientRect();
    if (box.width < options.minTarget - 0.5 || box.height < options.minTarget - 0.5) {
      problems.push(`${describe(button)} is ${size(box)} px, smaller than ${options.minTarget}×${options.minTarget}`);
    }
  }

  // Behind an open language picker the answers are covered on purpose.
  const modalOpen = doc.querySelector('dialog[open]') !== null;
  for (const id of modalOpen ? [] : ['ack', 'question']) {
    const button = screen.querySelector(`[data-testid="${id}"]`);
    if (!button) continue;
    const box = button.getBoundingClientRect();
    if (box.left < -slack || box.top < -slack || box.right > width + slack || box.bottom > height + slack) {
      problems.push(`${describe(button)} is not fully on the screen (${Math.round(box.left)},${Math.round(box.top)} ${size(box)})`);
      continue;
    }
    const atCentre = doc.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    if (!button.contains(atCentre)) problems.push(`${describe(button)} is covered by ${atCentre ? describe(atCentre) : 'nothing tappable'}`);
  }

  // The notice's first layer must be read whole without scrolling, beside both answers.
  if (screenName === 'notice' && !modalOpen) {
    const summary = screen.querySelector('[data-testid="notice-summary"]');
    const body = screen.querySelector(scroller);
    if (!summary) problems.push('the notice has no summary (data-testid="notice-summary")');
    else if (body) {
      const box = summary.getBoundingClientRect();
      const view = body.getBoundingClientRect();
      if (box.top < view.top - slack || box.bottom > view.bottom + slack) {
        problems.push(`${describe(summary)} is not wholly in view (${size(box)} px in the ${Math.round(view.height)} px the notice text has)`);
      }
    }
  }

  if (options.language !== null && screen.getAttribute('lang') !== options.language) {
    problems.push(`the screen's lang is "${screen.getAttribute('lang')}", not "${options.language}"`);
  }
  return { screen: screenName, problems };
}

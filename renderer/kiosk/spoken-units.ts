// The notice as it is read aloud: one unit per string the screen shows, in screen order.
// Pure functions, no DOM and no Node, so the page, the audio script and the tests share them.
import type { RenderedNotice } from '../../electron/shared/kiosk-api.js';
import { parseRuby } from './ruby-markup.js';

/** Title, each heading and paragraph, then the two answers: exactly the strings of the notice. */
export function spokenUnits(notice: RenderedNotice): string[] {
  return [
    notice.title,
    ...notice.sections.flatMap((section) => (section.heading ? [section.heading, ...section.paragraphs] : section.paragraphs)),
    notice.answers.acknowledge,
    notice.answers.question,
  ].filter((unit) => unit.trim() !== '');
}

/** What a voice should say for a unit: ruby gives its reading (`{漢字|かんじ}` → かんじ), the listener needs the sound. */
export function spokenText(unit: string): string {
  return parseRuby(unit)
    .map((segment) => ('text' in segment ? segment.text : segment.reading))
    .join('');
}

/** The name of a unit's audio: lowercase hex SHA-256 of the unit's exact UTF-8 text, markup included. */
export async function unitHash(unit: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(unit));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

// Dates and durations in the page's language, in the browser's time zone.
import type { TFunction } from 'i18next';
import { durationParts } from './fleet-rows.js';

export function formatTime(text: string | null | undefined, language: string): string | null {
  if (!text) return null;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return null;
  return new Intl.DateTimeFormat(language === 'ja' ? 'ja-JP' : 'en-GB', { dateStyle: 'short', timeStyle: 'medium' }).format(ms);
}

export function formatDuration(seconds: number, t: TFunction): string {
  const { unit, n } = durationParts(seconds);
  return t(`duration.${unit}`, { n });
}

import { locale } from '../i18n/locale.ts';

/** A due date as people read it: "15 May 2026", "15. maj 2026". Noon, so no time zone moves the day. */
export function formatDay(day: string, language: string): string {
  const date = new Date(`${day}T12:00:00`);
  if (Number.isNaN(date.getTime())) return day;
  return date.toLocaleDateString(locale(language), { day: 'numeric', month: 'short', year: 'numeric' });
}

/** When a note was written: its day and time in the reader's time zone. */
export function formatMoment(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(locale(language), { dateStyle: 'medium', timeStyle: 'short' });
}

/** Intl locale for numbers and dates in the UI language. */
export function locale(language: string): string {
  return language === 'da' ? 'da-DK' : 'en-GB';
}

// The languages of product.md, in the default picker order.
export const LANGUAGE_CODES = [
  'ja',
  'ja-x-easy',
  'en',
  'zh-Hans',
  'zh-Hant',
  'ko',
  'vi',
  'ne',
  'fil',
  'pt-BR',
  'es',
  'id',
  'th',
  'my',
] as const;
export type LanguageCode = (typeof LANGUAGE_CODES)[number];

export function isLanguageCode(value: string): value is LanguageCode {
  return (LANGUAGE_CODES as readonly string[]).includes(value);
}

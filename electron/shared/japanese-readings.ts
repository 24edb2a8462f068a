// Readings of numbers with their counters for easy Japanese (ja-x-easy), where every
// number carries its furigana: 2日間 is ふつかかん, 14日 じゅうよっか, 20日 はつか, 1分
// いっぷん — the irregular forms a learner cannot guess from the digits. Runtime-free:
// the core (notice) and the page (answer timer) format with the same functions.

const DIGITS = ['', 'いち', 'に', 'さん', 'よん', 'ご', 'ろく', 'なな', 'はち', 'きゅう'] as const;
const HUNDREDS: Record<number, string> = { 1: 'ひゃく', 3: 'さんびゃく', 6: 'ろっぴゃく', 8: 'はっぴゃく' };
const THOUSANDS: Record<number, string> = { 1: 'せん', 3: 'さんぜん', 8: 'はっせん' };

function below10000(n: number): string {
  const thousands = Math.floor(n / 1000);
  const hundreds = Math.floor((n % 1000) / 100);
  const tens = Math.floor((n % 100) / 10);
  const ones = n % 10;
  let out = '';
  if (thousands) out += THOUSANDS[thousands] ?? `${DIGITS[thousands]}せん`;
  if (hundreds) out += HUNDREDS[hundreds] ?? `${DIGITS[hundreds]}ひゃく`;
  if (tens) out += tens === 1 ? 'じゅう' : `${DIGITS[tens]}じゅう`;
  if (ones) out += DIGITS[ones];
  return out;
}

/** The plain reading of a whole number, 0 to 99,999,999 (ぜろ, いち, じゅうよん, さんびゃくろくじゅうご, …). */
export function numberReading(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 100_000_000) throw new RangeError(`no reading for ${n}`);
  if (n === 0) return 'ぜろ';
  const man = Math.floor(n / 10_000);
  const rest = n % 10_000;
  return `${man ? `${below10000(man)}まん` : ''}${below10000(rest)}`;
}

/** Native day counts: 1–10, and 14, 20, 24 (and every …4) have their own words. */
const DAY_WORDS: Record<number, string> = {
  2: 'ふつか', 3: 'みっか', 4: 'よっか', 5: 'いつか', 6: 'むいか', 7: 'なのか', 8: 'ようか', 9: 'ここのか', 10: 'とおか', 20: 'はつか',
};

/** A count of days: いちにち, ふつか, …, とおか, じゅういちにち, じゅうよっか, はつか, にじゅうよっか, さんびゃくろくじゅうごにち. */
export function daysReading(n: number): string {
  if (n === 1) return 'いちにち';
  const word = DAY_WORDS[n];
  if (word) return word;
  if (n % 10 === 4) return `${numberReading(n - 4)}よっか`;
  return `${numberReading(n)}にち`;
}

/** Replaces the reading's last `tail` with `by` (the sound change a counter makes). */
const changeTail = (reading: string, tail: string, by: string): string => (reading.endsWith(tail) ? reading.slice(0, -tail.length) + by : reading + by);

/** Minutes: いっぷん, にふん, さんぷん, よんぷん, ごふん, ろっぷん, ななふん, はっぷん, きゅうふん, じゅっぷん, ひゃっぷん. */
export function minutesReading(n: number): string {
  const reading = numberReading(n);
  if (n % 1000 === 0) return `${reading}ぷん`;
  if (n % 100 === 0) return changeTail(reading, 'く', 'っぷん');
  if (n % 10 === 0) return changeTail(reading, 'じゅう', 'じゅっぷん');
  switch (n % 10) {
    case 1:
      return changeTail(reading, 'いち', 'いっぷん');
    case 6:
      return changeTail(reading, 'ろく', 'ろっぷん');
    case 8:
      return changeTail(reading, 'はち', 'はっぷん');
    case 3:
    case 4:
      return `${reading}ぷん`;
    default:
      return `${reading}ふん`;
  }
}

/** Hours (a duration): よじかん and くじかん, not よんじかん and きゅうじかん. */
export function hoursReading(n: number): string {
  const reading = numberReading(n);
  if (n % 10 === 4) return changeTail(reading, 'よん', 'よじかん');
  if (n % 10 === 9) return changeTail(reading, 'きゅう', 'くじかん');
  return `${reading}じかん`;
}

/** Seconds: regular, びょう after the plain number. */
export function secondsReading(n: number): string {
  return `${numberReading(n)}びょう`;
}

/** i18next formatters for ja-x-easy text: `{{count, rubyDays}}` → `{14日間|じゅうよっかかん}`. */
export const RUBY_NUMBER_FORMATS: Record<string, (n: number) => string> = {
  rubyDays: (n) => `{${n}日間|${daysReading(n)}かん}`,
  rubyDay: (n) => `{${n}日|${daysReading(n)}}`,
  rubySeconds: (n) => `{${n}秒|${secondsReading(n)}}`,
  rubyMinutes: (n) => `{${n}分|${minutesReading(n)}}`,
  rubyHours: (n) => `{${n}時間|${hoursReading(n)}}`,
};

interface FormatterHost {
  services: { formatter?: { add(name: string, format: (value: unknown) => string): void } };
}

/** Adds the ruby number formats to an i18next instance (after `init`). */
export function addRubyNumberFormats(i18n: FormatterHost): void {
  for (const [name, format] of Object.entries(RUBY_NUMBER_FORMATS)) {
    i18n.services.formatter?.add(name, (value) => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? format(value) : String(value)));
  }
}

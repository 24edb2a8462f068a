// Says where a JSON file breaks without quoting it: configuration and settings files
// hold the staff link token and the admin PIN, and these messages reach screens and logs.
/** Where the JSON breaks, as line and column — never the text around it, which may hold the token or PIN. */
export function jsonErrorPlace(text: string, error: unknown): string {
  const position = /position (\d+)/.exec((error as Error).message)?.[1];
  if (position === undefined) {
    const token = /^Unexpected token '(.)'/.exec((error as Error).message)?.[1];
    return token ? `unexpected character '${token}'` : 'the file ends too early or has a stray character';
  }
  const before = text.slice(0, Number(position));
  const line = before.split('\n').length;
  const column = Number(position) - before.lastIndexOf('\n');
  return `error at line ${line}, column ${column}`;
}

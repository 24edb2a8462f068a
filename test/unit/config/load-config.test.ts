// A broken configuration file is reported by place, never by quoting it: the file holds
// the staff link token and the admin PIN, and the report reaches the maintenance screen.
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../electron/core/config/load-config.js';

const SECRET = 'S3cretTokenS3cretTokenS3cretTokenS3cretTok';

describe('parseConfigText', () => {
  it.each([
    ['a trailing comma', `{"staffLink": {"token": "${SECRET}"}, }`, /line 1, column \d+/],
    ['a cut-off file', `{"staffLink": {"token": "${SECRET}"`, /line 1, column \d+|ends too early/],
    ['a stray word', `{"admin": {"pin": "2580"},\n "x": ${SECRET}}`, /line 2|unexpected character 'S'/],
  ])('names where %s is, without quoting the file', (_name, text, place) => {
    const { problems, config } = parseConfigText(text, 'kokuchi.config.json');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^kokuchi\.config\.json: not valid JSON/);
    expect(problems[0]).toMatch(place);
    expect(problems[0]).not.toContain(SECRET.slice(0, 8));
    expect(problems[0]).not.toContain('2580');
    expect(config.office.example).toBe(true);
  });

  it('refuses an update feed that is not HTTPS', () => {
    expect(parseConfigText('{"updates": {"url": "http://updates.lan/kokuchi/"}}', 'c.json').problems).toEqual([
      'c.json: updates.url: must be an https:// URL: updates are never fetched in the clear',
    ]);
    expect(parseConfigText('{"updates": {"url": "https://updates.lan/kokuchi/"}}', 'c.json').problems).toEqual([]);
  });

  it('names each wrong field and keeps every default for a valid subset', () => {
    expect(parseConfigText('{"retentionDays": 30}', 'c.json')).toMatchObject({ problems: [], config: { retentionDays: 30, counterId: 'counter-1' } });
    const { problems } = parseConfigText('{"retentionDays": "forever", "session": {"answerTimeoutSeconds": 1}, "colour": "red"}', 'c.json');
    expect(problems.join('\n')).toMatch(/c\.json: retentionDays: .*number/);
    expect(problems.join('\n')).toMatch(/c\.json: session\.answerTimeoutSeconds: /);
    expect(problems.join('\n')).toMatch(/c\.json: \(top level\): Unrecognized key: "colour"/);
  });
});

// KOKUCHI_STAFF_TOKEN, which wins over the configuration and the settings. Empty or blank
// counts as unset, so that `KOKUCHI_STAFF_TOKEN=` in a service file switches it off. A set
// value must meet the configured token's rule: a short one would make the token guessable.
import { staffTokenSchema, STAFF_TOKEN_RULE } from './staff-token-rule.js';

export const STAFF_TOKEN_ENV = 'KOKUCHI_STAFF_TOKEN';

/** The token from the environment; throws, naming the variable and never its value, if it is weak. */
export function envStaffToken(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[STAFF_TOKEN_ENV];
  if (value === undefined || value.trim() === '') return undefined;
  if (!staffTokenSchema.safeParse(value).success) {
    throw new Error(
      `${STAFF_TOKEN_ENV} ${STAFF_TOKEN_RULE}; generate one with \`node -e "console.log(require('crypto').randomBytes(32).toString('base64url'))"\`, or unset it to use the kiosk's own token`,
    );
  }
  return value;
}

// KOKUCHI_STAFF_TOKEN, which wins over the configuration and the settings. Empty or blank
// counts as unset, so that `KOKUCHI_STAFF_TOKEN=` in a service file switches it off.
export const STAFF_TOKEN_ENV = 'KOKUCHI_STAFF_TOKEN';

export function envStaffToken(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[STAFF_TOKEN_ENV];
  return value === undefined || value.trim() === '' ? undefined : value;
}

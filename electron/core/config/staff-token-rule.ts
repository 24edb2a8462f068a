// The one rule for a staff link token someone sets by hand (staffLink.token or
// KOKUCHI_STAFF_TOKEN): as strong as the one the kiosk generates itself.
import { z } from 'zod';

export const STAFF_TOKEN_RULE = 'must be 32 random bytes in base64url (43 characters)';

export const staffTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, STAFF_TOKEN_RULE);

// The codes a KioskApi call may reject with. Kept free of zod so the preload bundle stays tiny.
export const KIOSK_CALL_ERROR_CODES = ['bad-request', 'not-found', 'invalid-state', 'conflict', 'internal'] as const;

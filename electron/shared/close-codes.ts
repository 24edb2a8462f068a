// Every WebSocket close code the kiosk's sockets use, in one place: the staff link's
// (staff-link.md) and the page bridge's. Runtime-free, for the core, the shells, the
// page and the integrators' client alike.

/** A close asked for by either side: the client, or a staff socket ending a refused command. */
export const CLOSE_NORMAL = 1000;
/** The kiosk failed to answer a frame (RFC 6455 "internal error"). */
export const CLOSE_INTERNAL_ERROR = 1011;
/** Missing or wrong token, no hello in time, or a token that was replaced. */
export const CLOSE_UNAUTHORIZED = 4401;
/** This address tried too many wrong tokens: it is slowed down. */
export const CLOSE_RATE_LIMITED = 4429;
/** A screen socket that a newer page of the same browser replaced: it must not reconnect. */
export const CLOSE_SCREEN_TAKEN_OVER = 4409;

// The Ed25519 public key every LAN update must be signed with, built into the app (and so
// covered by its asar integrity). Whoever builds the kiosk for an office replaces it with
// the public half of their own release key (docs/deploy.md, "Signed LAN updates").
export const UPDATE_SIGNING_KEY = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAg89zBGDCxom84KWVNUIwKjnOkgLngfZxRFysOOSyGeY=
-----END PUBLIC KEY-----
`;

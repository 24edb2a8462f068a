#!/bin/bash
# After-remove of the Kokuchi deb: electron-builder's own steps, then the kiosk service.
# The kiosk user and its home (the ledger, an administrative record) are kept, even on purge.

APP_DIR='/opt/${sanitizedProductName}'
EXECUTABLE='${executable}'
UNIT=kokuchi-kiosk.service

# ---- electron-builder's steps (from app-builder-lib/templates/linux/after-remove.tpl) ----
if type update-alternatives >/dev/null 2>&1; then
    update-alternatives --remove "$EXECUTABLE" "$APP_DIR/$EXECUTABLE"
else
    rm -f "/usr/bin/$EXECUTABLE"
fi

APPARMOR_PROFILE_DEST="/etc/apparmor.d/$EXECUTABLE"
if [ -f "$APPARMOR_PROFILE_DEST" ]; then
    if apparmor_status --enabled > /dev/null 2>&1; then
        if ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
            apparmor_parser --remove "$APPARMOR_PROFILE_DEST" || true
        fi
    fi
    rm -f "$APPARMOR_PROFILE_DEST"
fi

# ---- The kiosk service: only on removal, not when an upgrade replaces the package ----
case "$1" in
    remove|purge)
        systemctl stop "$UNIT" >/dev/null 2>&1 || true
        systemctl disable "$UNIT" >/dev/null 2>&1 || true
        rm -f "/lib/systemd/system/$UNIT" /etc/pam.d/kokuchi-kiosk
        if [ -d /run/systemd/system ]; then
            systemctl daemon-reload || true
        fi
        ;;
esac

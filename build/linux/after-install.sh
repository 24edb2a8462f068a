#!/bin/bash
# After-install of the Kokuchi deb. First what electron-builder's own script does (the
# command in /usr/bin, the Chromium sandbox helper, the AppArmor profile), then the kiosk
# service: a system user, its PAM stack, and the systemd unit running the kiosk under cage.
# electron-builder fills in the two template names below; shell variables are written
# without braces so that it leaves them alone (its templating would refuse them).

APP_DIR='/opt/${sanitizedProductName}'
EXECUTABLE='${executable}'

# ---- electron-builder's steps (from app-builder-lib/templates/linux/after-install.tpl) ----
if type update-alternatives >/dev/null 2>&1; then
    if [ -L "/usr/bin/$EXECUTABLE" ] && [ -e "/usr/bin/$EXECUTABLE" ] && [ "$(readlink "/usr/bin/$EXECUTABLE")" != "/etc/alternatives/$EXECUTABLE" ]; then
        rm -f "/usr/bin/$EXECUTABLE"
    fi
    update-alternatives --install "/usr/bin/$EXECUTABLE" "$EXECUTABLE" "$APP_DIR/$EXECUTABLE" 100 || ln -sf "$APP_DIR/$EXECUTABLE" "/usr/bin/$EXECUTABLE"
else
    ln -sf "$APP_DIR/$EXECUTABLE" "/usr/bin/$EXECUTABLE"
fi

# The SUID sandbox helper only where the kernel has no usable user namespaces.
if ! { [[ -L /proc/self/ns/user ]] && unshare --user true; }; then
    chmod 4755 "$APP_DIR/chrome-sandbox" || true
else
    chmod 0755 "$APP_DIR/chrome-sandbox" || true
fi

if hash update-mime-database 2>/dev/null; then
    update-mime-database /usr/share/mime || true
fi
if hash update-desktop-database 2>/dev/null; then
    update-desktop-database /usr/share/applications || true
fi

if apparmor_status --enabled > /dev/null 2>&1; then
    APPARMOR_PROFILE_SOURCE="$APP_DIR/resources/apparmor-profile"
    APPARMOR_PROFILE_TARGET="/etc/apparmor.d/$EXECUTABLE"
    if apparmor_parser --skip-kernel-load --debug "$APPARMOR_PROFILE_SOURCE" > /dev/null 2>&1; then
        cp -f "$APPARMOR_PROFILE_SOURCE" "$APPARMOR_PROFILE_TARGET"
        if ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
            apparmor_parser --replace --write-cache --skip-read-cache "$APPARMOR_PROFILE_TARGET"
        fi
    else
        echo "Skipping the installation of the AppArmor profile as this version of AppArmor does not seem to support the bundled profile"
    fi
fi

# ---- The kiosk service ----
KIOSK_USER=kokuchi
UNIT=kokuchi-kiosk.service

# Its own system user; its home holds the ledger (~/.config/Kokuchi), which no removal deletes.
if ! getent passwd "$KIOSK_USER" >/dev/null; then
    useradd --system --create-home --home-dir /var/lib/kokuchi --shell /usr/sbin/nologin \
        --comment 'Kokuchi counter kiosk' "$KIOSK_USER"
fi
# The screen, the touch panel and the speaker (read-aloud).
for group in video render input audio; do
    if getent group "$group" >/dev/null; then
        usermod -a -G "$group" "$KIOSK_USER" || true
    fi
done

# The configuration the unit points at (KOKUCHI_CONFIG); until it exists the kiosk shows its maintenance screen.
# It holds the admin PIN and may hold the staff token and webhook secrets: readable by root and the kiosk user only.
install -d -m 0750 -o root -g "$KIOSK_USER" /etc/kokuchi
if [ -f /etc/kokuchi/kokuchi.config.json ]; then
    chown root:"$KIOSK_USER" /etc/kokuchi/kokuchi.config.json
    chmod 0640 /etc/kokuchi/kokuchi.config.json
fi
install -m 0644 "$APP_DIR/resources/linux/kokuchi-kiosk.pam" /etc/pam.d/kokuchi-kiosk
install -m 0644 "$APP_DIR/resources/linux/$UNIT" "/lib/systemd/system/$UNIT"

if [ -d /run/systemd/system ]; then
    systemctl daemon-reload || true
fi
# Enabled for the next boot, not started now: an install over SSH must not take over the screen.
systemctl enable "$UNIT" || true
echo "Kokuchi: $UNIT is enabled and starts at the next boot (or now: systemctl start $UNIT)."
echo "Kokuchi: put the counter's configuration in /etc/kokuchi/kokuchi.config.json (see docs/deploy.md)."

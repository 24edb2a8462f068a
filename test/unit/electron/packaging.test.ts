// The packaging configuration, checked as far as a machine without the Electron binary
// allows: electron-builder loads and validates electron-builder.yml exactly as a build
// would, and the deb's scripts and systemd unit say what the deployment guide promises.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// electron-builder's own loader and schema check (app-builder-lib is its packaging library).
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import type { Configuration } from 'electron-builder';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
let config: Configuration;

beforeAll(async () => {
  config = await getConfig(ROOT, null, null);
});

/** The macros electron-builder fills into deb scripts; any other `${name}` makes the build fail. */
const SCRIPT_MACROS = { executable: 'kokuchi', sanitizedProductName: 'Kokuchi', productFilename: 'Kokuchi' };
function filledIn(script: string): string {
  return script.replace(/\${([a-zA-Z]+)}/g, (_whole, name: string) => {
    const value = (SCRIPT_MACROS as Record<string, string>)[name];
    if (value === undefined) throw new Error(`Macro ${name} is not defined`);
    return value;
  });
}

/** `Key=value` lines of a systemd unit, all values per key. */
function unitValues(unit: string): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const line of unit.split('\n')) {
    const match = /^([A-Za-z]+)=(.*)$/.exec(line.trim());
    if (match) values.set(match[1] as string, [...(values.get(match[1] as string) ?? []), match[2] as string]);
  }
  return values;
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own validation", async () => {
    await expect(validateConfiguration(config, { isEnabled: false, add: () => undefined } as never)).resolves.toBeUndefined();
  });

  it('would be refused by that validation if it were wrong', async () => {
    const wrong = { ...config, linux: { ...config.linux, afterInstall: 42 } } as unknown as Configuration;
    await expect(validateConfiguration(wrong, { isEnabled: false, add: () => undefined } as never)).rejects.toThrow(
      /configuration/i,
    );
  });

  it('flips the fuses: no RunAsNode, NODE_OPTIONS or inspect; only the asar, integrity-checked', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('builds an AppImage and a deb for Linux, and a per-machine NSIS installer for Windows', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.linux?.executableName).toBe('kokuchi');
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({ perMachine: true, oneClick: false, deleteAppDataOnUninstall: false });
  });

  it('writes app-update.yml through a generic publish entry (the feed itself comes from the configuration)', () => {
    expect(config.publish).toMatchObject({ provider: 'generic' });
  });

  it('ships the unit and scripts it names, and the deb depends on cage', () => {
    const deb = config.deb ?? {};
    for (const script of [deb.afterInstall, deb.afterRemove]) {
      expect(script).toBeTruthy();
      expect(existsSync(path.join(ROOT, script as string))).toBe(true);
    }
    const resources = (config.linux?.extraResources ?? []) as { from: string; to: string }[];
    for (const resource of resources) expect(existsSync(path.join(ROOT, resource.from))).toBe(true);
    expect(resources.map((resource) => resource.to).sort()).toEqual(['linux/kokuchi-kiosk.pam', 'linux/kokuchi-kiosk.service']);
    expect(deb.depends).toContain('cage');
  });
});

describe('the systemd unit', () => {
  const unit = unitValues(read('build/linux/kokuchi-kiosk.service'));

  it('runs the installed kiosk under cage, as the kiosk user, on a seat session', () => {
    const [execStart] = unit.get('ExecStart') ?? [];
    expect(execStart).toMatch(/^\/usr\/bin\/cage .*-- \/opt\/Kokuchi\/kokuchi( |$)/);
    expect(execStart).not.toMatch(/ -s /); // no switching to another virtual terminal
    expect(unit.get('User')).toEqual(['kokuchi']);
    expect(unit.get('PAMName')).toEqual(['kokuchi-kiosk']);
    expect(unit.get('Environment')).toContain('KOKUCHI_CONFIG=/etc/kokuchi/kokuchi.config.json');
  });

  it('restarts it always, without ever giving up', () => {
    expect(unit.get('Restart')).toEqual(['always']);
    expect(unit.get('StartLimitIntervalSec')).toEqual(['0']);
    expect(unit.get('WantedBy')).toEqual(['graphical.target']);
  });
});

describe('the deb scripts', () => {
  const install = read('build/linux/after-install.sh');
  const remove = read('build/linux/after-remove.sh');

  it('use only the macros electron-builder fills in, and are valid bash once filled in', () => {
    for (const script of [install, remove]) {
      const result = spawnSync('bash', ['-n'], { input: filledIn(script), encoding: 'utf8' });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    }
  });

  it('install the unit, its PAM stack and the kiosk user the unit names, and enable it', () => {
    const filled = filledIn(install);
    expect(filled).toContain("APP_DIR='/opt/Kokuchi'");
    expect(filled).toMatch(/install -m 0644 "\$APP_DIR\/resources\/linux\/\$UNIT" "\/lib\/systemd\/system\/\$UNIT"/);
    expect(filled).toMatch(/install -m 0644 "\$APP_DIR\/resources\/linux\/kokuchi-kiosk\.pam" \/etc\/pam\.d\/kokuchi-kiosk/);
    expect(filled).toContain('UNIT=kokuchi-kiosk.service');
    expect(filled).toContain('KIOSK_USER=kokuchi');
    expect(filled).toMatch(/systemctl enable "\$UNIT"/);
    // electron-builder's own duties are kept: the command link and the sandbox helper.
    expect(filled).toContain('update-alternatives --install');
    expect(filled).toContain('chrome-sandbox');
  });

  it('keep the configuration readable by root and the kiosk user only', () => {
    const filled = filledIn(install);
    expect(filled).toContain('install -d -m 0750 -o root -g "$KIOSK_USER" /etc/kokuchi');
    expect(filled).toContain('chown root:"$KIOSK_USER" /etc/kokuchi/kokuchi.config.json');
    expect(filled).toContain('chmod 0640 /etc/kokuchi/kokuchi.config.json');
    expect(filled).not.toContain('install -d -m 0755 /etc/kokuchi');
  });

  it('remove the service only on removal, never on upgrade, and never the ledger', () => {
    expect(remove).toMatch(/case "\$1" in\s+remove\|purge\)/);
    expect(remove).not.toMatch(/\/var\/lib\/kokuchi|userdel/);
  });
});

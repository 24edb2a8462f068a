// The core's composition root: configuration, locales, ledger, session machine and
// staff link, wired by hand. Both shells call `startKiosk` and nothing deeper.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { KIOSK_CALLS, type KioskCall, type KioskCallOutput, type KioskView } from '../shared/kiosk-api.js';
import { isLanguageCode, type LanguageCode } from '../shared/languages.js';
import { createAdminDesk } from './admin/admin-desk.js';
import { officeGuards } from './config/configured-office.js';
import { officeTextGaps } from './config/office-text-gaps.js';
import { configVersion, loadConfig } from './config/load-config.js';
import type { KioskConfig } from './config/schema.js';
import type { KioskCore, StartKioskOptions } from './kiosk-core.js';
import { ConsentLedger } from './ledger/consent-ledger.js';
import { scheduleRetention } from './ledger/retention-schedule.js';
import { KioskMetrics } from './metrics/kiosk-metrics.js';
import { loadLocales, type Locale } from './notice/locale-files.js';
import { archiveNotice, noticeArchiveDir } from './notice/notice-archive.js';
import { renderNotice } from './notice/render-notice.js';
import { openReceiptKey, type ReceiptKey } from './receipt/receipt-key.js';
import { makeReceipt } from './receipt/resident-receipt.js';
import { recordScreenRecovery } from './recovery/screen-recovery.js';
import { closeSessionLeftOpen } from './session/restart-recovery.js';
import { CounterSession } from './session/counter-session.js';
import { KioskError } from './session/kiosk-error.js';
import { LedgerOutage } from './session/ledger-outage.js';
import { buildView, offeredLanguages, pickLanguage } from './session/kiosk-view.js';
import { pairingToken } from './staff-link/pairing-token.js';
import { StaffLink } from './staff-link/staff-link.js';
import type { StaffLinkCore } from './staff-link/staff-link-core.js';
import { redactUrls } from './webhooks/endpoint-url.js';
import { WebhookOutbox } from './webhooks/webhook-outbox.js';

export async function startKiosk(options: StartKioskOptions): Promise<KioskCore> {
  const loaded = await loadConfig(options.configPath);
  const { locales, problems: localeProblems } = await loadLocales(options.localesDir);
  const config = loaded.config;
  const offered = offeredLanguages(config, locales);
  const guards = officeGuards(loaded, options.settings, options.lastGoodConfig);
  const problems = [...(options.problems ?? []), ...loaded.problems, ...guards.problems, ...localeProblems];
  if (offered.length === 0) problems.push('no language can be offered: check languages.enabled and the locale files');

  const kioskId = settingOrCreate(options.settings, 'kioskId', () => `kiosk-${randomUUID()}`);
  const token = pairingToken(options.overrides?.token ?? config.staffLink.token, options.settings);

  const ledger = await ConsentLedger.open({
    dir: join(options.dataDir, 'ledger'),
    kioskId,
    counterId: config.counterId,
    ...(options.ledgerFiles && { files: options.ledgerFiles }),
    ...(options.ledgerClock && { now: options.ledgerClock.now, sinceBoot: options.ledgerClock.sinceBoot }),
  });
  let receiptKey: ReceiptKey;
  try {
    receiptKey = await openReceiptKey(options.dataDir);
  } catch (error) {
    await ledger.close();
    throw error;
  }
  const metrics = new KioskMetrics({
    ledger,
    staffClients: () => staffLink.connectedClients,
    webhooks: () => webhooks.status(),
    hub: config.hub ? () => webhooks.hubStatus() : undefined,
  });
  let screenConnected = false;
  const viewListeners = new Set<(view: KioskView) => void>();
  const currentProblems = () => (outage.problem === null ? problems : [...problems, outage.problem]);
  const view = (): KioskView => {
    const shown = currentProblems();
    return buildView({ config, locales, offered, session, problems: shown, screenOverride: shown.length > 0 ? 'maintenance' : null });
  };
  const publish = () => {
    const current = view();
    for (const listener of viewListeners) listener(current);
  };

  const noticeFor = (language: LanguageCode, context: Parameters<typeof renderNotice>[2]) =>
    renderNotice(locales.get(language) as Locale, config, context);
  const outage = new LedgerOutage({
    ledger,
    onChange: () => {
      // Back from an outage: the open notice gets a fresh idle reset, whatever timer failed meanwhile.
      if (outage.problem === null) session.touch(false);
      publish();
    },
  });
  const session = new CounterSession({
    events: outage,
    timing: config.session,
    renderNotice: noticeFor,
    archiveNotice: (notice) => archiveNotice(noticeArchiveDir(options.dataDir), notice.version, notice.text),
    newSessionId: () => randomUUID(),
    onChange: publish,
    makeReceipt: (fields) => makeReceipt({ kioskId, counterId: config.counterId, ...fields }, receiptKey.sign),
  });

  let webhooks: WebhookOutbox;
  try {
    // Before this run's first event: an endpoint configured for the first time starts after lastSeq.
    webhooks = await WebhookOutbox.open({
      dataDir: options.dataDir,
      endpoints: config.webhooks,
      hub: config.hub,
      ledger,
      ...(options.delivery?.timing && { timing: options.delivery.timing }),
      ...(options.delivery?.clock && { clock: options.delivery.clock }),
    });
    await ledger.append('kiosk.started', null, { version: options.version, configVersion: configVersion(config) });
    // A new signing key goes into the ledger, so the hub and auditors can check receipts from it.
    if (receiptKey.created) {
      await ledger.append('kiosk.key', null, { algorithm: 'ed25519', publicKey: receiptKey.publicKey, fingerprint: receiptKey.fingerprint });
    }
    await closeSessionLeftOpen(ledger, 'kiosk-restart');
  } catch (error) {
    await ledger.close();
    throw error;
  }
  const retention = scheduleRetention(ledger, config.retentionDays);

  const startSession = async (by: 'staff' | 'resident', input: { staffName?: string | undefined; language?: string | undefined; recording?: KioskConfig['recording']['mode'] | undefined }) => {
    if (problems.length > 0) throw new KioskError('invalid-state', 'the kiosk is in maintenance: run `kokuchi doctor`');
    return session.start({
      by,
      staffName: input.staffName ?? null,
      // A language the resident tapped themselves wins over the staff app's hint.
      language: session.chosenLanguage ?? pickLanguage(input.language, offered),
      recording: input.recording ?? config.recording.mode,
    });
  };

  const staffCore: StaffLinkCore = {
    kioskId,
    counterId: config.counterId,
    token: () => token.current(),
    onTokenRotated: (listener) => token.onRotate(listener),
    lastSeq: () => ledger.lastSeq,
    readAfter: (seq, limit) => ledger.readAfter(seq, limit),
    onEvent: (listener) => ledger.onAppend(listener),
    welcome: () => ({ screen: screenConnected ? 'connected' : 'disconnected', activeSession: session.activeSession() }),
    status: () => ({
      kioskId,
      counterId: config.counterId,
      version: options.version,
      screen: screenConnected ? 'connected' : 'disconnected',
      maintenance: currentProblems().length > 0,
      activeSession: session.activeSession(),
      ledger: { lastSeq: ledger.lastSeq, retentionProblem: retention.problem },
      clock: ledger.clock,
      webhooks: webhooks.status(),
      hub: webhooks.hubStatus(),
    }),
    startSession: (input) => {
      if (config.session.startBy === 'resident') {
        return Promise.reject(new KioskError('invalid-state', 'this counter lets only residents start a session'));
      }
      return startSession('staff', input);
    },
    override: (sessionId, reason) => session.override(sessionId, reason),
    end: (sessionId, reason) => session.end(sessionId, reason),
    pause: (sessionId, reason) => session.pause(sessionId, reason ?? ''),
    resume: (sessionId) => session.resume(sessionId),
    metrics: () => metrics.scrape(),
  };

  let staffLink: StaffLink;
  try {
    staffLink = await StaffLink.listen({
      host: options.overrides?.host ?? config.staffLink.host,
      port: options.overrides?.port ?? config.staffLink.port,
      tls: guards.tls,
      core: staffCore,
      consoleDir: options.consoleDir,
    });
  } catch (error) {
    await session.closeOpen('kiosk-restart');
    await retention.stop();
    await ledger.close();
    throw error;
  }
  webhooks.start();
  const admin = createAdminDesk({
    door: {
      pin: guards.adminPin,
      settings: options.settings,
      record: async (event) => {
        const { failedAttempts } = event;
        if (event.type === 'admin.unlocked') await ledger.append(event.type, null, { failedAttempts });
        else await ledger.append(event.type, null, { failedAttempts, lockedUntil: event.lockedUntil });
      },
    },
    status: {
      kioskId,
      counterId: config.counterId,
      version: options.version,
      staffLinkUrl: staffLink.url,
      token: () => token.current(),
      staffClients: () => staffLink.connectedClients,
      webhooks: () => staffCore.status().webhooks,
      hub: () => webhooks.hubStatus(),
      ledgerDir: join(options.dataDir, 'ledger'),
      lastSeq: () => ledger.lastSeq,
      clock: () => ledger.clock,
      languages: offered,
      problems,
      officeTextGaps: officeTextGaps(config, offered),
      receiptKeyFingerprint: receiptKey.fingerprint,
    },
  });

  const handlers: { [C in KioskCall]: (input: never) => Promise<KioskCallOutput[C]> } = {
    getView: async () => view(),
    // English always comes along: the idle and maintenance screens repeat their lines in it.
    getLocales: async () =>
      [...offered, ...(offered.includes('en') || !locales.has('en') ? [] : (['en'] as const))].map((code) => {
        const locale = locales.get(code) as Locale;
        return { code, name: locale.name, reviewed: locale.reviewed, ui: locale.ui };
      }),
    startSession: async (input: { language: string }) => {
      if (config.session.startBy === 'staff') throw new KioskError('invalid-state', 'a staff member starts the session at this counter');
      return { sessionId: await startSession('resident', { language: input.language }) };
    },
    chooseLanguage: async (input: { language: string }) => {
      session.chooseLanguage(offeredLanguage(input.language, offered));
      return { ok: true };
    },
    noticeShown: async (input: { sessionId: string; noticeVersion: string }) => {
      await session.noticeShown(input.sessionId, input.noticeVersion);
      return { ok: true };
    },
    answer: async (input: { sessionId: string; answer: 'acknowledged' | 'questioned' }) => {
      const tappedAt = performance.now();
      await session.answer(input.sessionId, input.answer);
      // session.answer resolves only after logging.start is durable and handed to the staff link.
      if (input.answer === 'acknowledged') metrics.tapToSignal(tappedAt);
      return { ok: true };
    },
    changeLanguage: async (input: { sessionId: string; language: string }) => {
      await session.changeLanguage(input.sessionId, offeredLanguage(input.language, offered));
      return { ok: true };
    },
    touch: async (input: { extendAnswer?: boolean }) => {
      session.touch(input.extendAnswer === true);
      return { ok: true };
    },
    ...admin.calls,
  };

  let closed = false;
  return {
    staffLinkUrl: staffLink.url,
    async call<C extends KioskCall>(call: C, input: unknown): Promise<KioskCallOutput[C]> {
      const schema = KIOSK_CALLS[call];
      if (!schema) throw new KioskError('bad-request', `unknown call ${String(call)}`);
      const parsed = schema.safeParse(input);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new KioskError('bad-request', `${call}: ${issue?.path.join('.') || 'input'}: ${issue?.message ?? 'invalid'}`);
      }
      const handler = handlers[call] as (input: unknown) => Promise<KioskCallOutput[C]>;
      return handler(parsed.data);
    },
    onView(listener) {
      viewListeners.add(listener);
      return () => viewListeners.delete(listener);
    },
    setScreenConnected(connected) {
      screenConnected = connected;
    },
    recordRecovery: (cause, action) => recordScreenRecovery(session, ledger, cause, action),
    onExitRequested: (listener) => admin.onExitRequested(listener),
    async recordUpdateRefused(version, reason) {
      await ledger.append('update.refused', null, { version: version.slice(0, 64), reason: redactUrls(reason).slice(0, 200) });
    },
    async close(reason = 'kiosk-restart') {
      if (closed) return;
      closed = true;
      await session.closeOpen(reason);
      outage.stop();
      await staffLink.close();
      token.close();
      await webhooks.stop();
      await retention.stop();
      await ledger.close();
    },
  };
}

function offeredLanguage(language: string, offered: LanguageCode[]): LanguageCode {
  if (!isLanguageCode(language) || !offered.includes(language)) {
    throw new KioskError('bad-request', `language ${language} is not offered`);
  }
  return language;
}

function settingOrCreate(settings: StartKioskOptions['settings'], key: string, create: () => string): string {
  const existing = settings.get(key);
  if (typeof existing === 'string' && existing.length > 0) return existing;
  const value = create();
  settings.set(key, value);
  return value;
}

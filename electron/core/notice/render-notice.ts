// Fills a locale's notice with the office's values. The result's `text` is exactly
// what the resident reads; its hash is the `noticeVersion` an auditor can re-derive.
import { createHash } from 'node:crypto';
import i18next, { type i18n } from 'i18next';
import type { RecordingMode } from '../../shared/events.js';
import { addRubyNumberFormats } from '../../shared/japanese-readings.js';
import type { NoticeSection, RenderedNotice } from '../../shared/kiosk-api.js';
import { officeTextFor, type KioskConfig } from '../config/schema.js';
import type { Locale } from './locale-files.js';

export interface NoticeContext {
  staffName: string | null;
  recording: RecordingMode;
}

const translators = new WeakMap<Locale, i18n>();

function translatorFor(locale: Locale): i18n {
  let t = translators.get(locale);
  if (!t) {
    t = i18next.createInstance();
    // initAsync is false, so resources are ready when init returns.
    void t.init({
      lng: locale.code,
      resources: { [locale.code]: { notice: locale.notice } },
      ns: ['notice'],
      defaultNS: 'notice',
      interpolation: { escapeValue: false },
      initAsync: false,
    });
    addRubyNumberFormats(t);
    translators.set(locale, t);
  }
  return t;
}

export function renderNotice(locale: Locale, config: KioskConfig, context: NoticeContext): RenderedNotice {
  const t = translatorFor(locale).t;
  const office = (text: Record<string, string>) => officeTextFor(text, locale.code, config.languages.officeTextFallback);
  // The first layer, read in seconds: what is recorded, why in one line (the office's first
  // purpose), that the answer only confirms reading, and that the resident may ask.
  const mainPurpose = config.recording.purposes[0] ?? 'accuracy';
  const sections: NoticeSection[] = [
    {
      key: 'summary',
      heading: '',
      paragraphs: [t(`summary.recorded.${context.recording}`), t(`summary.why.${mainPurpose}`), t('summary.answer'), t('summary.ask')],
    },
    { key: 'intro', heading: '', paragraphs: [t('intro'), t(`recording.${context.recording}`)] },
    {
      key: 'purpose',
      heading: t('purpose.heading'),
      paragraphs: config.recording.purposes.map((purpose) => t(`purpose.${purpose}`)),
    },
    {
      key: 'handling',
      heading: t('handling.heading'),
      paragraphs: [
        t('handling.retention', { count: config.retentionDays }),
        t('handling.access', { access: office(config.recording.access) }),
        t('handling.disclosure'),
        t('handling.personalInfo'),
        t('handling.contact', { contact: office(config.office.contact) }),
      ],
    },
    {
      key: 'residentRecording',
      heading: t('residentRecording.heading'),
      paragraphs: [
        config.residentRecording.allowed
          ? t('residentRecording.allowed')
          : t('residentRecording.notAllowed', { reason: office(config.residentRecording.reason) }),
      ],
    },
  ];
  if (context.staffName) {
    sections.push({ key: 'staff', heading: t('staff.heading'), paragraphs: [t('staff.name', { staffName: context.staffName })] });
  }
  sections.push(
    { key: 'rights', heading: t('rights.heading'), paragraphs: [t('rights.questions'), t('rights.service')] },
    { key: 'policy', heading: t('policy.heading'), paragraphs: [t('policy.link', { url: config.office.policyUrl })] },
  );
  const title = t('title');
  const answers = { acknowledge: t('answer.acknowledge'), question: t('answer.question') };
  const text = [
    title,
    ...sections.flatMap((section) => (section.heading ? [section.heading, ...section.paragraphs] : section.paragraphs)),
    answers.acknowledge,
    answers.question,
  ].join('\n');
  return {
    language: locale.code,
    version: noticeVersionOf(text),
    reviewed: locale.reviewed,
    title,
    sections,
    answers,
    policyUrl: config.office.policyUrl,
    text,
  };
}

export function noticeVersionOf(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

// The resident's receipt: a QR code of the kiosk-signed text (`KKC1.…`, exactly as the core
// made it, also in `data-receipt`) and a short reference they can read without a phone.
// It names the counter, the time, the notice version and the answer: never a person.
import type { Receipt } from '../../electron/shared/kiosk-api.js';
import { RubyText, rubyToPlain } from './ruby.js';
import { useQrImage } from './use-qr-image.js';
import { useUiText } from './ui-text.js';

/** The start of the notice version's hash, as in `kokuchi notice show` output: enough to tell versions apart by eye. */
export function shortNoticeVersion(version: string): string {
  return version.replace(/^sha256:/, '').slice(0, 8);
}

/** The answer's time on the kiosk's clock, in the resident's language (falls back to English for a code Intl lacks). */
export function receiptTime(ts: string, language: string): string {
  const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' };
  try {
    return new Intl.DateTimeFormat(language, options).format(new Date(ts));
  } catch {
    return new Intl.DateTimeFormat('en', options).format(new Date(ts));
  }
}

/** Error correction of the receipt's QR code: low, so its ~400 characters make modules a phone reads off a screen. */
export const RECEIPT_QR_LEVEL = 'L';

interface Props {
  receipt: Receipt;
  language: string;
  /** The notice's own "I understand" text, for an acknowledged receipt. */
  acknowledgeText: string;
}

export function ResidentReceipt({ receipt, language, acknowledgeText }: Props) {
  const t = useUiText(language);
  const image = useQrImage(receipt.text, RECEIPT_QR_LEVEL);
  const title = t('receipt.title');
  const answer =
    receipt.answer === 'acknowledged' ? t('receipt.acknowledged', { answer: acknowledgeText }) : t('receipt.override');
  return (
    <section className="receipt" data-testid="receipt" aria-labelledby="receipt-title">
      <div className="receipt-qr" data-testid="receipt-qr" data-receipt={receipt.text}>
        {image && <img src={image} alt={rubyToPlain(title)} width={220} height={220} />}
      </div>
      <div className="receipt-words">
        <h2 id="receipt-title">
          <RubyText text={title} />
        </h2>
        <p className="receipt-explain">
          <RubyText text={t('receipt.explain')} />
        </p>
        <p className="receipt-reference" data-testid="receipt-reference">
          <RubyText
            text={t('receipt.reference', {
              counter: receipt.counterId,
              time: receiptTime(receipt.ts, language),
              notice: shortNoticeVersion(receipt.noticeVersion),
            })}
          />
          <br />
          <RubyText text={answer} />
        </p>
      </div>
    </section>
  );
}

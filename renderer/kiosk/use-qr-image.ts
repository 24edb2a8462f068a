// A QR code drawn in the page as an SVG data URL, so it works offline and under the CSP.
import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

/**
 * The image for `text`, or null while drawing or when the text is too long for a QR code.
 * `level` is the error correction: a code on a clean screen needs little, and less makes
 * fewer, larger modules for a long text.
 */
export function useQrImage(text: string, level: 'L' | 'M' = 'M'): string | null {
  const [image, setImage] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    QRCode.toString(text, { type: 'svg', errorCorrectionLevel: level, margin: 2 }).then(
      (svg) => {
        if (current) setImage(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
      },
      () => {
        if (current) setImage(null);
      },
    );
    return () => {
      current = false;
    };
  }, [text, level]);
  return image;
}

// The office's full policy page as a QR code (drawn here, as SVG, so it works offline) and as text.
import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import { rubyToPlain } from './ruby.js';

export function PolicyQrCode({ url, label }: { url: string; label: string }) {
  const [image, setImage] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }).then(
      (svg) => {
        if (current) setImage(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
      },
      () => {
        if (current) setImage(null); // too long for a QR code: the URL text still shows
      },
    );
    return () => {
      current = false;
    };
  }, [url]);

  return (
    <figure className="policy-qr">
      {image && <img src={image} alt={rubyToPlain(label)} width={200} height={200} />}
      <figcaption className="policy-url" lang="en" translate="no">
        {url}
      </figcaption>
    </figure>
  );
}

// The office's full policy page as a QR code (drawn here, as SVG, so it works offline) and as text.
import { rubyToPlain } from './ruby.js';
import { useQrImage } from './use-qr-image.js';

export function PolicyQrCode({ url, label }: { url: string; label: string }) {
  const image = useQrImage(url);

  return (
    <figure className="policy-qr">
      {image && <img src={image} alt={rubyToPlain(label)} width={200} height={200} />}
      <figcaption className="policy-url" lang="en" translate="no">
        {url}
      </figcaption>
    </figure>
  );
}

// The pairing URI as a QR code for the staff app's camera, drawn here so it works offline.
import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

export function PairingQrCode({ uri, label }: { uri: string; label: string }) {
  const [image, setImage] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }).then(
      (svg) => {
        if (current) setImage(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
      },
      () => {
        if (current) setImage(null); // too long for a QR code: the address and token still show as text
      },
    );
    return () => {
      current = false;
    };
  }, [uri]);
  return image ? <img className="admin-qr" src={image} alt={label} width={240} height={240} data-testid="admin-pairing-qr" /> : null;
}

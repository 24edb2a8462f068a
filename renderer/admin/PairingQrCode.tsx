// The pairing URI as a QR code for the staff app's camera; the address and token also show as text.
import { useQrImage } from '../kiosk/use-qr-image.js';

export function PairingQrCode({ uri, label }: { uri: string; label: string }) {
  const image = useQrImage(uri);
  return image ? <img className="admin-qr" src={image} alt={label} width={240} height={240} data-testid="admin-pairing-qr" /> : null;
}

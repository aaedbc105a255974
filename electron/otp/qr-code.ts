import QRCode from 'qrcode';

/**
 * Adapter over the qrcode package: turns an otpauth:// URI into an image for the enrollment screen.
 * Error correction M keeps the code small enough for a phone camera at arm's length. The image holds
 * the secret: the renderer shows it once and drops it.
 */
const QR_OPTIONS = { errorCorrectionLevel: 'M' as const, margin: 4 };

export async function otpauthQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { ...QR_OPTIONS, type: 'svg' });
}

export async function otpauthQrPngDataUrl(uri: string, widthPx = 256): Promise<string> {
  return QRCode.toDataURL(uri, { ...QR_OPTIONS, type: 'image/png', width: widthPx });
}

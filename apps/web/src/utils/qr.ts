import qrcode from 'qrcode-generator';

/**
 * An SVG path drawing a QR code of `text` (byte mode, error correction M), one unit per module,
 * with `margin` modules of quiet zone; computed in the browser, so the secret never leaves it.
 */
export function qrPath(text: string, margin = 4): { size: number; path: string } {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const count = qr.getModuleCount();
  let path = '';
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (qr.isDark(row, col)) path += `M${col + margin} ${row + margin}h1v1h-1z`;
    }
  }
  return { size: count + 2 * margin, path };
}

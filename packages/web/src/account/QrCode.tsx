import { encodeQR } from 'qr';

/** Modules of light margin round the code: the quiet zone readers need (ISO/IEC 18004 asks for four). */
const QUIET = 4;

/**
 * A QR code drawn as one SVG path from the encoder's matrix (`qr`, no dependencies): no canvas, no image request and
 * no inline style, so the page's Content-Security-Policy holds. Labelled for screen readers; the same text is shown
 * beside it for typing in.
 */
export function QrCode({ text, label }: { text: string; label: string }) {
  // The matrix comes with its quiet zone round it.
  const matrix = encodeQR(text, 'raw', { ecc: 'medium', border: QUIET });
  const size = matrix.length;
  const path = matrix.flatMap((row, y) => row.map((dark, x) => (dark ? `M${x} ${y}h1v1h-1z` : ''))).join('');
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${size} ${size}`}
      width={size * 5}
      height={size * 5}
      shapeRendering="crispEdges"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}

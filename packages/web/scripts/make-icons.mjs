// Draws the app's icons (public/icons/*.png, named by public/manifest.webmanifest and index.html) and writes them as
// PNG with nothing but node:zlib, so that no image tool is needed to change them: `node scripts/make-icons.mjs` from
// packages/web, then commit the PNGs it wrote. The same input always gives the same bytes (no timestamps).
//
// The design: the letters "IPT" in white on the app's accent colour (--accent in src/styles/app.css), built from
// rectangles and a half ring, anti-aliased by sampling each pixel 4×4 times.
//   icon-192.png, icon-512.png   purpose "any": a rounded square, the corners transparent.
//   icon-maskable-512.png        purpose "maskable": the colour to every edge, the letters well inside the safe zone
//                                (the circle of radius 40% of the size about the centre, which every mask keeps).
//   apple-touch-icon.png         180×180, the colour to every edge (iOS rounds the corners itself and would show
//                                a transparent corner as black).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const outDir = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'public', 'icons');

const accent = [0x1d, 0x5c, 0x8a]; // --accent
const white = [0xff, 0xff, 0xff];

/** The letters' height, as a fraction of the icon's side. */
const capHeight = 0.32;
/** The strokes' width, as a fraction of the letters' height. */
const stroke = 0.2;

/**
 * Whether the point (x, y) lies on the letters "IPT", in units of the letters' height: y from 0 (top) to 1
 * (baseline), x from 0 to `lettersWidth`.
 */
const I = { x: 0, width: stroke };
const P = { x: I.x + I.width + 0.16, width: 0.6 };
const T = { x: P.x + P.width + 0.1, width: 0.7 };
const lettersWidth = T.x + T.width;

const rect = (x, y, x0, y0, x1, y1) => x >= x0 && x < x1 && y >= y0 && y < y1;

function onLetters(x, y) {
  if (y < 0 || y >= 1) return false;
  // I: one stem.
  if (rect(x, y, I.x, 0, I.x + stroke, 1)) return true;
  // P: a stem, and a bowl (two bars closed on the right by a half ring) over the top 60%.
  const bowl = 0.6;
  const r = bowl / 2;
  const cx = P.x + P.width - r;
  const cy = r;
  if (rect(x, y, P.x, 0, P.x + stroke, 1)) return true;
  if (rect(x, y, P.x, 0, cx, stroke) || rect(x, y, P.x, bowl - stroke, cx, bowl)) return true;
  if (x >= cx) {
    const d = Math.hypot(x - cx, y - cy);
    if (d <= r && d >= r - stroke) return true;
  }
  // T: a bar across the top, a stem down the middle.
  if (rect(x, y, T.x, 0, T.x + T.width, stroke)) return true;
  const mid = T.x + T.width / 2;
  return rect(x, y, mid - stroke / 2, 0, mid + stroke / 2, 1);
}

/** Whether (u, v), in fractions of the side, lies inside a square with corners rounded to `radius`. */
function inRoundedSquare(u, v, radius) {
  if (u < 0 || u > 1 || v < 0 || v > 1) return false;
  const dx = Math.max(radius - u, 0, u - (1 - radius));
  const dy = Math.max(radius - v, 0, v - (1 - radius));
  return dx * dx + dy * dy <= radius * radius;
}

/** RGBA pixels of an icon `size` pixels square; `corner` is the background's corner radius (0: to every edge). */
function draw(size, corner) {
  const pixels = Buffer.alloc(size * size * 4);
  const samples = 4;
  const left = (1 - lettersWidth * capHeight) / 2;
  const top = (1 - capHeight) / 2;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let background = 0;
      let letters = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const u = (px + (sx + 0.5) / samples) / size;
          const v = (py + (sy + 0.5) / samples) / size;
          if (!inRoundedSquare(u, v, corner)) continue;
          background++;
          if (onLetters((u - left) / capHeight, (v - top) / capHeight)) letters++;
        }
      }
      const n = samples * samples;
      const alpha = background / n;
      // The letters' share of the covered part of the pixel.
      const mix = background === 0 ? 0 : letters / background;
      const i = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) pixels[i + c] = Math.round(accent[c] * (1 - mix) + white[c] * mix);
      pixels[i + 3] = Math.round(alpha * 255);
    }
  }
  return pixels;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (ISO 3309, as PNG uses it) of the bytes. */
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** One PNG chunk: length, type, data, and the CRC of type and data. */
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** A PNG of RGBA pixels: 8 bits a channel, colour type 6, each row led by filter byte 0 (none). */
function png(size, pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0); // width
  header.writeUInt32BE(size, 4); // height
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: truecolour with alpha
  header[10] = 0; // compression: deflate
  header[11] = 0; // filter method 0
  header[12] = 0; // no interlace
  const rowBytes = size * 4;
  const raw = Buffer.alloc((rowBytes + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (rowBytes + 1)] = 0;
    pixels.copy(raw, y * (rowBytes + 1) + 1, y * rowBytes, (y + 1) * rowBytes);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const icons = [
  { file: 'icon-192.png', size: 192, corner: 0.2 },
  { file: 'icon-512.png', size: 512, corner: 0.2 },
  { file: 'icon-maskable-512.png', size: 512, corner: 0 },
  { file: 'apple-touch-icon.png', size: 180, corner: 0 },
];

// The letters' corners must lie inside the maskable safe zone, with room to spare.
const halfDiagonal = (capHeight * Math.hypot(lettersWidth, 1)) / 2;
if (halfDiagonal > 0.4) throw new Error(`The letters reach ${halfDiagonal} from the centre: past the safe zone (0.4).`);

fs.mkdirSync(outDir, { recursive: true });
for (const { file, size, corner } of icons) {
  const bytes = png(size, draw(size, corner));
  fs.writeFileSync(path.join(outDir, file), bytes);
  process.stdout.write(`${file}: ${size}×${size}, ${bytes.length} bytes\n`);
}

#!/usr/bin/env node
/*
 * Draws the add-in icon (a teal rounded square holding a gold token) and writes it as PNG files
 * at the sizes the manifest uses: assets/icon-16.png, -32, -64, -80 and -128.
 *
 * Only node's zlib is used: each pixel is supersampled from a small vector description (rounded
 * rectangle, circles, a "T" glyph), then written as an 8-bit RGBA PNG. Run it after changing the
 * design:  node scripts/make-icons.js   (the PNGs are committed; the build only copies them).
 */
"use strict";

const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const SIZES = [16, 32, 64, 80, 128];
const OUT_DIR = path.resolve(__dirname, "..", "assets");
const SUPERSAMPLE = 4; // 4x4 samples per pixel for smooth edges

// Palette (RGBA, 0-255).
const BACKGROUND = [15, 118, 110, 255]; // teal
const COIN_RIM = [180, 120, 10, 255]; // dark gold
const COIN_FACE = [250, 190, 40, 255]; // gold
const COIN_RING = [214, 150, 20, 255]; // engraved inner ring
const GLYPH = [120, 72, 0, 255]; // the "T" of token

/** Shapes in unit coordinates (0..1 across the icon). Returns the colour of a point, or null. */
function colourAt(x, y) {
  if (!insideRoundedSquare(x, y, 0.02, 0.2)) return null;
  const dx = x - 0.5;
  const dy = y - 0.5;
  const r = Math.sqrt(dx * dx + dy * dy);
  if (r > 0.36) return BACKGROUND;
  if (r > 0.32) return COIN_RIM;
  if (r > 0.265 && r < 0.29) return COIN_RING;
  if (insideT(x, y)) return GLYPH;
  return COIN_FACE;
}

function insideRoundedSquare(x, y, margin, radius) {
  const lo = margin;
  const hi = 1 - margin;
  if (x < lo || x > hi || y < lo || y > hi) return false;
  const cx = Math.min(Math.max(x, lo + radius), hi - radius);
  const cy = Math.min(Math.max(y, lo + radius), hi - radius);
  const dx = x - cx;
  const dy = y - cy;
  return dx * dx + dy * dy <= radius * radius;
}

function insideT(x, y) {
  const bar = x >= 0.36 && x <= 0.64 && y >= 0.35 && y <= 0.43;
  const stem = x >= 0.455 && x <= 0.545 && y >= 0.35 && y <= 0.66;
  return bar || stem;
}

/** Renders one icon as rows of RGBA bytes (non-premultiplied, straight alpha). */
function render(size) {
  const pixels = Buffer.alloc(size * size * 4);
  const n = SUPERSAMPLE * SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const c = colourAt((px + (sx + 0.5) / SUPERSAMPLE) / size, (py + (sy + 0.5) / SUPERSAMPLE) / size);
          if (c) {
            const alpha = c[3] / 255;
            r += c[0] * alpha;
            g += c[1] * alpha;
            b += c[2] * alpha;
            a += alpha;
          }
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        pixels[o] = Math.round(r / a);
        pixels[o + 1] = Math.round(g / a);
        pixels[o + 2] = Math.round(b / a);
        pixels[o + 3] = Math.round((a / n) * 255);
      }
    }
  }
  return pixels;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[i] = c >>> 0;
  }
  return table;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); // width
  ihdr.writeUInt32BE(size, 4); // height
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter
  ihdr[12] = 0; // interlace
  const stride = size * 4;
  const raw = Buffer.alloc((stride + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (stride + 1)] = 0; // filter type None
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function main() {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  for (const size of SIZES) {
    const file = path.join(OUT_DIR, `icon-${size}.png`);
    fs.writeFileSync(file, encodePng(size, render(size)));
    console.log(`wrote ${path.relative(process.cwd(), file)} (${size}x${size})`);
  }
}

if (require.main === module) main();

module.exports = { encodePng, render, SIZES };

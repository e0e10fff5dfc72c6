// ---- explorer.data.js: the embedded data, decoded --------------------------------------------------------------
// The data block is JSON written by ExplorerPage (C#). Names and hex codes are data: they reach the page only
// through textContent, canvas fillStyle and style.backgroundColor, never as markup.

/**
 * Sizes a canvas's backing store to its CSS box at the device pixel ratio, so lines stay sharp, and scales the
 * context so drawing code works in CSS pixels. Returns the box's width and height in CSS pixels.
 */
function fitCanvas(canvas, context) {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  canvas.width = Math.max(1, Math.round(width * ratio));
  canvas.height = Math.max(1, Math.round(height * ratio));
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  return { width, height };
}

/** Quantised coordinate marking a point that was not finite (a diverged epoch). */
const MISSING = -32768;
const HALF_RANGE = 32767;

function readData() {
  const raw = JSON.parse(document.getElementById("colour2vec-data").textContent);
  const count = raw.names.length;
  const snapshots = raw.epochs.length;
  const quantised = decodeInt16(raw.points, snapshots * count * 2);
  const rgb = new Float32Array(count * 3);
  raw.colours.forEach((hex, i) => {
    const value = parseInt(hex.slice(1), 16);
    rgb[3 * i] = ((value >> 16) & 255) / 255;
    rgb[3 * i + 1] = ((value >> 8) & 255) / 255;
    rgb[3 * i + 2] = (value & 255) / 255;
  });
  return {
    title: raw.title,
    xLabel: raw.xLabel,
    yLabel: raw.yLabel,
    names: raw.names,
    lowerNames: raw.names.map((name) => name.toLowerCase()),
    colours: raw.colours,
    rgb,
    count,
    epochs: raw.epochs,
    totalSnapshots: raw.totalSnapshots,
    history: raw.history,
    facts: raw.facts,

    /** The bounding box of snapshot s: [minX, maxX, minY, maxY]. */
    box(s) {
      return raw.boxes.slice(4 * s, 4 * s + 4);
    },

    /** Fills out (length 2·count) with snapshot s as x0, y0, x1, y1, …; NaN where a point is missing. */
    decode(s, out) {
      const [minX, maxX, minY, maxY] = this.box(s);
      const scaleX = (maxX - minX) / (2 * HALF_RANGE);
      const scaleY = (maxY - minY) / (2 * HALF_RANGE);
      const base = s * count * 2;
      for (let i = 0; i < count; i++) {
        const qx = quantised[base + 2 * i];
        const qy = quantised[base + 2 * i + 1];
        if (qx === MISSING) {
          out[2 * i] = NaN;
          out[2 * i + 1] = NaN;
        } else {
          out[2 * i] = minX + (qx + HALF_RANGE) * scaleX;
          out[2 * i + 1] = minY + (qy + HALF_RANGE) * scaleY;
        }
      }
      return out;
    },
  };
}

/** Base64 of little-endian int16 values, read byte by byte so the machine's own byte order never matters. */
function decodeInt16(base64, expected) {
  const binary = atob(base64);
  if (binary.length !== expected * 2) {
    throw new Error(`colour2vec: expected ${expected * 2} bytes of points, found ${binary.length}`);
  }
  const values = new Int16Array(expected);
  for (let i = 0; i < expected; i++) {
    const word = binary.charCodeAt(2 * i) | (binary.charCodeAt(2 * i + 1) << 8);
    values[i] = (word << 16) >> 16;
  }
  return values;
}

/** Indices of the k smallest distance(j), j ≠ self, nearest first; non-finite distances are skipped. */
function nearest(count, self, k, distance) {
  const best = []; // [distance, index], sorted ascending, at most k long
  for (let j = 0; j < count; j++) {
    if (j === self) continue;
    const d = distance(j);
    if (!(d < Infinity) || (best.length === k && d >= best[k - 1][0])) continue;
    let at = best.length;
    while (at > 0 && best[at - 1][0] > d) at--;
    best.splice(at, 0, [d, j]);
    if (best.length > k) best.pop();
  }
  return best.map(([d, j]) => ({ index: j, distance: Math.sqrt(d) }));
}

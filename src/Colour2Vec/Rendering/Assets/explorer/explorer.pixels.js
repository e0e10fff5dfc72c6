// ---- explorer.pixels.js: many points at once -------------------------------------------------------------------
// Past a few thousand colours, one fillStyle string and one path per point costs more than a frame (the browser
// parses every colour string again). Instead each point becomes a small square written straight into an
// ImageData buffer, and the buffer is drawn onto the map in one call: 32,000 points in a few milliseconds.

function createPixelLayer(data) {
  const layer = document.createElement("canvas");
  const context = layer.getContext("2d");
  let image = null;
  const channels = new Uint8Array(data.count * 3);
  for (let i = 0; i < channels.length; i++) channels[i] = Math.round(data.rgb[i] * 255);

  /**
   * Draws every point of `xy` as a square of side `side` device pixels into target's plot rectangle
   * (left, top, width, height in CSS pixels, `ratio` device pixels each). Non-matches get alpha `fadedAlpha`
   * while a search is active; matches are drawn after them, larger and opaque.
   */
  function draw(target, map, xy, state, searching, side, ratio, left, top, width, height) {
    const pixelWidth = Math.max(1, Math.round(width * ratio));
    const pixelHeight = Math.max(1, Math.round(height * ratio));
    if (image === null || image.width !== pixelWidth || image.height !== pixelHeight) {
      layer.width = pixelWidth;
      layer.height = pixelHeight;
      image = context.createImageData(pixelWidth, pixelHeight);
    }
    const pixels = image.data;
    pixels.fill(0);
    const square = (i, size, alpha) => {
      const x = xy[2 * i];
      if (Number.isNaN(x)) return;
      const cx = (map.x(x) - left) * ratio;
      const cy = (map.y(xy[2 * i + 1]) - top) * ratio;
      const x0 = Math.max(0, Math.round(cx - size / 2));
      const y0 = Math.max(0, Math.round(cy - size / 2));
      const x1 = Math.min(pixelWidth, x0 + size);
      const y1 = Math.min(pixelHeight, y0 + size);
      const r = channels[3 * i];
      const g = channels[3 * i + 1];
      const b = channels[3 * i + 2];
      for (let py = y0; py < y1; py++) {
        let at = (py * pixelWidth + x0) * 4;
        for (let px = x0; px < x1; px++, at += 4) {
          pixels[at] = r;
          pixels[at + 1] = g;
          pixels[at + 2] = b;
          pixels[at + 3] = alpha;
        }
      }
    };
    for (let i = 0; i < data.count; i++) {
      if (!(searching && state.matches[i])) square(i, side, searching ? 56 : 255);
    }
    if (searching) {
      for (let i = 0; i < data.count; i++) {
        if (state.matches[i]) square(i, side + 2 * Math.round(ratio), 255);
      }
    }
    context.putImageData(image, 0, 0);
    target.drawImage(layer, left, top, width, height);
  }

  return { draw };
}

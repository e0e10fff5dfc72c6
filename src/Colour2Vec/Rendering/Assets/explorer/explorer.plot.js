// ---- explorer.plot.js: the map on a canvas ---------------------------------------------------------------------
// One canvas, redrawn only when something changed. Equal scales on both axes (distances are what the model
// learns, so a circle must stay a circle); the view eases towards the current snapshot's bounding box so the
// axes follow the map as it grows without jumping.

const PLOT_MARGIN = { left: 56, right: 16, top: 14, bottom: 44 };
const PLOT_BACKGROUND = "#808080";
const EASING_MS = 140; // time constant of the view's exponential approach to its target

function createPlot(canvas, data, state) {
  const context = canvas.getContext("2d");
  // Dots shrink as the table grows; past 5,000 they become unoutlined squares drawn through a pixel buffer.
  const radius = data.count <= 2000 ? 4.5 : data.count <= 10000 ? 3 : 2;
  const pixels = data.count > 5000 ? createPixelLayer(data) : null;
  let width = 0;
  let height = 0;
  let view = null; // { cx, cy, hx, hy }: centre and half-extents in data units
  let target = null;

  function resize() {
    ({ width, height } = fitCanvas(canvas, context));
  }

  /** The view that shows snapshot s with a margin; a degenerate box still gets a visible extent. */
  function viewOf(s) {
    const [minX, maxX, minY, maxY] = data.box(s);
    const span = Math.max(maxX - minX, maxY - minY, 1e-9);
    const floor = span * 0.02;
    return {
      cx: (minX + maxX) / 2,
      cy: (minY + maxY) / 2,
      hx: (Math.max(maxX - minX, floor) / 2) * 1.06,
      hy: (Math.max(maxY - minY, floor) / 2) * 1.06,
    };
  }

  /** Moves the view a step towards its target; true while still moving. */
  function ease(elapsed) {
    target = viewOf(state.snapshot);
    if (view === null) {
      view = { ...target };
      return false;
    }
    const step = 1 - Math.exp(-elapsed / EASING_MS);
    let moving = false;
    for (const key of ["cx", "cy", "hx", "hy"]) {
      const gap = target[key] - view[key];
      const tolerance = 1e-4 * Math.max(target.hx, target.hy);
      if (Math.abs(gap) <= tolerance) {
        view[key] = target[key];
      } else {
        view[key] += gap * step;
        moving = true;
      }
    }
    return moving;
  }

  /** The data-to-screen mapping of the current view: CSS pixels inside the canvas. */
  function transform() {
    const plotWidth = Math.max(1, width - PLOT_MARGIN.left - PLOT_MARGIN.right);
    const plotHeight = Math.max(1, height - PLOT_MARGIN.top - PLOT_MARGIN.bottom);
    const scale = Math.min(plotWidth / (2 * view.hx), plotHeight / (2 * view.hy));
    const originX = PLOT_MARGIN.left + plotWidth / 2;
    const originY = PLOT_MARGIN.top + plotHeight / 2;
    return {
      scale,
      plotWidth,
      plotHeight,
      x: (x) => originX + (x - view.cx) * scale,
      y: (y) => originY - (y - view.cy) * scale,
      dataX: (px) => view.cx + (px - originX) / scale,
      dataY: (py) => view.cy - (py - originY) / scale,
    };
  }

  function draw() {
    const map = transform();
    context.clearRect(0, 0, width, height);
    context.fillStyle = PLOT_BACKGROUND;
    context.fillRect(PLOT_MARGIN.left, PLOT_MARGIN.top, map.plotWidth, map.plotHeight);
    drawAxes(map);
    context.save();
    context.beginPath();
    context.rect(PLOT_MARGIN.left, PLOT_MARGIN.top, map.plotWidth, map.plotHeight);
    context.clip();
    drawPoints(map);
    context.restore();
  }

  function drawAxes(map) {
    const left = PLOT_MARGIN.left;
    const top = PLOT_MARGIN.top;
    const right = left + map.plotWidth;
    const bottom = top + map.plotHeight;
    context.font = "12px system-ui, sans-serif";
    context.lineWidth = 1;
    const ticksX = niceTicks(map.dataX(left), map.dataX(right), Math.max(2, Math.floor(map.plotWidth / 90)));
    const ticksY = niceTicks(map.dataY(bottom), map.dataY(top), Math.max(2, Math.floor(map.plotHeight / 70)));
    context.strokeStyle = "rgba(255, 255, 255, 0.16)";
    context.fillStyle = "#3d434b";
    context.textAlign = "center";
    context.textBaseline = "top";
    for (const tick of ticksX.values) {
      const x = Math.round(map.x(tick)) + 0.5;
      context.beginPath();
      context.moveTo(x, top);
      context.lineTo(x, bottom);
      context.stroke();
      context.fillText(formatTick(tick, ticksX.step), x, bottom + 5);
    }
    context.textAlign = "right";
    context.textBaseline = "middle";
    for (const tick of ticksY.values) {
      const y = Math.round(map.y(tick)) + 0.5;
      context.beginPath();
      context.moveTo(left, y);
      context.lineTo(right, y);
      context.stroke();
      context.fillText(formatTick(tick, ticksY.step), left - 6, y);
    }
    context.fillStyle = "#5c6470";
    context.textAlign = "center";
    context.textBaseline = "bottom";
    context.fillText(data.xLabel, left + map.plotWidth / 2, height - 4);
    if (data.yLabel) {
      context.save();
      context.translate(14, top + map.plotHeight / 2);
      context.rotate(-Math.PI / 2);
      context.textBaseline = "middle";
      context.fillText(data.yLabel, 0, 0);
      context.restore();
    }
  }

  function drawPoints(map) {
    const xy = state.xy;
    const searching = state.query !== "";
    if (pixels !== null) {
      const ratio = window.devicePixelRatio || 1;
      pixels.draw(context, map, xy, state, searching, Math.max(2, Math.round(2 * radius * ratio)), ratio,
        PLOT_MARGIN.left, PLOT_MARGIN.top, map.plotWidth, map.plotHeight);
    } else {
      // Pass 1: every point (faded while a search is active); pass 2: the matches on top, larger and ringed.
      context.globalAlpha = searching ? 0.22 : 1;
      for (let i = 0; i < data.count; i++) {
        if (searching && state.matches[i]) continue;
        dot(map, xy[2 * i], xy[2 * i + 1], data.colours[i], radius);
      }
      context.globalAlpha = 1;
    }
    // Rings make a few matches easy to spot; for thousands they would only be noise (and slow).
    if (searching && state.matchCount <= 2000) {
      for (let i = 0; i < data.count; i++) {
        if (state.matches[i]) {
          ring(map, i, radius + 3.5, "#ffffff", 2);
          dot(map, xy[2 * i], xy[2 * i + 1], data.colours[i], radius + 1.5);
        }
      }
    }
    if (state.selected >= 0) {
      const sx = map.x(xy[2 * state.selected]);
      const sy = map.y(xy[2 * state.selected + 1]);
      context.strokeStyle = "rgba(20, 20, 20, 0.55)";
      context.lineWidth = 1;
      for (const neighbour of state.neighbours.embedding) {
        context.beginPath();
        context.moveTo(sx, sy);
        context.lineTo(map.x(xy[2 * neighbour.index]), map.y(xy[2 * neighbour.index + 1]));
        context.stroke();
      }
      for (const neighbour of state.neighbours.embedding) {
        ring(map, neighbour.index, radius + 2.5, "#111111", 1.5);
      }
      ring(map, state.selected, radius + 6, "#ffffff", 3);
      ring(map, state.selected, radius + 8, "#111111", 1.5);
      dot(map, xy[2 * state.selected], xy[2 * state.selected + 1], data.colours[state.selected], radius + 2);
    }
    if (state.hover >= 0) {
      ring(map, state.hover, radius + 4, "#111111", 2);
    }
  }

  /** One outlined dot: the outline keeps white, grey and black colours visible on the grey background. */
  function dot(map, x, y, colour, r) {
    if (Number.isNaN(x)) return;
    context.fillStyle = colour;
    context.beginPath();
    context.arc(map.x(x), map.y(y), r, 0, 2 * Math.PI);
    context.fill();
    context.strokeStyle = "rgba(0, 0, 0, 0.45)";
    context.lineWidth = 1;
    context.stroke();
  }

  function ring(map, i, r, colour, lineWidth) {
    const x = state.xy[2 * i];
    if (Number.isNaN(x)) return;
    context.beginPath();
    context.arc(map.x(x), map.y(state.xy[2 * i + 1]), r, 0, 2 * Math.PI);
    context.strokeStyle = colour;
    context.lineWidth = lineWidth;
    context.stroke();
  }

  /** The point nearest to (px, py) in CSS pixels of the canvas, if within reach of the cursor; else −1. */
  function pointAt(px, py) {
    if (view === null) return -1;
    const map = transform();
    const reach = Math.max(8, radius + 3);
    let best = -1;
    let bestDistance = reach * reach;
    for (let i = 0; i < data.count; i++) {
      const x = state.xy[2 * i];
      if (Number.isNaN(x)) continue;
      const dx = map.x(x) - px;
      const dy = map.y(state.xy[2 * i + 1]) - py;
      const d = dx * dx + dy * dy;
      if (d <= bestDistance) {
        best = i;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Where point i is drawn now, in CSS pixels of the canvas; null when missing or before the first frame. */
  function screenPosition(i) {
    if (view === null || Number.isNaN(state.xy[2 * i])) return null;
    const map = transform();
    return { x: map.x(state.xy[2 * i]), y: map.y(state.xy[2 * i + 1]) };
  }

  resize();
  return { resize, ease, draw, pointAt, screenPosition };
}

/** Round-numbered ticks (1, 2 or 5 × 10^k apart) covering [low, high], about `wanted` of them. */
function niceTicks(low, high, wanted) {
  const raw = (high - low) / wanted;
  if (!(raw > 0) || !Number.isFinite(raw)) return { values: [], step: 1 };
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
  const values = [];
  for (let v = Math.ceil(low / step) * step; v <= high + step * 1e-9; v += step) {
    values.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  }
  return { values, step };
}

/** A tick label with just enough decimals for its step. */
function formatTick(value, step) {
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return value.toFixed(Math.min(decimals, 8));
}

// ---- explorer.charts.js: small line charts of the training curves ----------------------------------------------
// A chart is a canvas with one or more series over the epochs and a marker at the current epoch. Missing values
// (null: no held-out set, a diverged epoch) break the line instead of dropping it to zero.

const CHART_MARGIN = { left: 46, right: 10, top: 20, bottom: 18 };

/**
 * series: [{ label, colour, values }] aligned with `epochs`. Clicking or dragging on the chart calls
 * onSeek(epoch) so the curves double as a second slider.
 */
function createChart(canvas, title, epochs, series, onSeek) {
  const context = canvas.getContext("2d");
  const finite = series.flatMap((s) => s.values.filter((v) => v !== null && Number.isFinite(v)));
  const hasData = finite.length > 0 && epochs.length > 0;
  let low = hasData ? Math.min(...finite) : 0;
  let high = hasData ? Math.max(...finite) : 1;
  const pad = (high - low) * 0.08 || Math.abs(high) * 0.05 || 0.5;
  low -= pad;
  high += pad;
  const firstEpoch = hasData ? epochs[0] : 0;
  const lastEpoch = hasData ? epochs[epochs.length - 1] : 1;
  let width = 0;
  let height = 0;

  function resize() {
    ({ width, height } = fitCanvas(canvas, context));
  }

  const innerWidth = () => Math.max(1, width - CHART_MARGIN.left - CHART_MARGIN.right);
  const innerHeight = () => Math.max(1, height - CHART_MARGIN.top - CHART_MARGIN.bottom);
  const screenX = (epoch) =>
    CHART_MARGIN.left + ((epoch - firstEpoch) / Math.max(1, lastEpoch - firstEpoch)) * innerWidth();
  const screenY = (value) => CHART_MARGIN.top + (1 - (value - low) / (high - low)) * innerHeight();

  /** The index in `epochs` nearest to the current epoch (history and snapshots need not line up). */
  function indexOf(epoch) {
    let best = 0;
    for (let i = 1; i < epochs.length; i++) {
      if (Math.abs(epochs[i] - epoch) < Math.abs(epochs[best] - epoch)) best = i;
    }
    return best;
  }

  function draw(currentEpoch) {
    context.clearRect(0, 0, width, height);
    const left = CHART_MARGIN.left;
    const top = CHART_MARGIN.top;
    const right = left + innerWidth();
    const bottom = top + innerHeight();
    context.font = "11px system-ui, sans-serif";
    context.fillStyle = "#1f2328";
    context.textAlign = "left";
    context.textBaseline = "alphabetic";
    context.font = "600 12px system-ui, sans-serif";
    context.fillText(title, 0, 12);
    context.font = "11px system-ui, sans-serif";
    if (!hasData) {
      context.fillStyle = "#5c6470";
      context.fillText("no values recorded", left, top + 20);
      return;
    }
    // Frame, y ticks at the ends and the middle, x ticks at the first and last epoch.
    context.strokeStyle = "#d9d9d6";
    context.lineWidth = 1;
    context.strokeRect(left + 0.5, top + 0.5, innerWidth(), innerHeight());
    context.fillStyle = "#5c6470";
    context.textAlign = "right";
    context.textBaseline = "middle";
    for (const value of [low + pad, (low + high) / 2, high - pad]) {
      const y = screenY(value);
      context.fillText(value.toFixed(3), left - 5, y);
      context.beginPath();
      context.moveTo(left, Math.round(y) + 0.5);
      context.lineTo(right, Math.round(y) + 0.5);
      context.strokeStyle = "#ececea";
      context.stroke();
    }
    context.textBaseline = "top";
    context.textAlign = "left";
    context.fillText(String(firstEpoch), left, bottom + 3);
    context.textAlign = "right";
    context.fillText(String(lastEpoch), right, bottom + 3);

    for (const s of series) {
      context.strokeStyle = s.colour;
      context.lineWidth = 1.6;
      context.beginPath();
      let drawing = false;
      s.values.forEach((value, i) => {
        if (value === null || !Number.isFinite(value)) {
          drawing = false;
          return;
        }
        const x = screenX(epochs[i]);
        const y = screenY(value);
        if (drawing) context.lineTo(x, y);
        else context.moveTo(x, y);
        drawing = true;
      });
      context.stroke();
    }

    // Marker: a vertical line at the current epoch, a dot on each series and its value in the legend.
    const at = indexOf(currentEpoch);
    const markerX = Math.round(screenX(epochs[at])) + 0.5;
    context.strokeStyle = "#1f2328";
    context.lineWidth = 1;
    context.beginPath();
    context.moveTo(markerX, top);
    context.lineTo(markerX, bottom);
    context.stroke();
    let legendX = right;
    context.textAlign = "right";
    context.textBaseline = "alphabetic";
    for (const s of [...series].reverse()) {
      const value = s.values[at];
      const known = value !== null && Number.isFinite(value);
      if (known) {
        context.beginPath();
        context.arc(markerX, screenY(value), 3.5, 0, 2 * Math.PI);
        context.fillStyle = s.colour;
        context.fill();
      }
      const text = `${s.label} ${known ? value.toFixed(4) : "–"}`;
      context.fillStyle = s.colour;
      context.fillText(text, legendX, 12);
      legendX -= context.measureText(text).width + 12;
    }
  }

  function seekFrom(event) {
    const rect = canvas.getBoundingClientRect();
    const fraction = (event.clientX - rect.left - CHART_MARGIN.left) / innerWidth();
    const epoch = firstEpoch + Math.min(1, Math.max(0, fraction)) * (lastEpoch - firstEpoch);
    onSeek(epoch);
  }

  canvas.addEventListener("pointerdown", (event) => {
    if (!hasData) return;
    canvas.setPointerCapture(event.pointerId);
    seekFrom(event);
  });
  canvas.addEventListener("pointermove", (event) => {
    if (canvas.hasPointerCapture(event.pointerId)) seekFrom(event);
  });

  resize();
  return { resize, draw };
}

// ---- explorer.main.js: state, controls and the animation loop --------------------------------------------------

const data = readData();
const byId = (id) => document.getElementById(id);

/** Everything the page shows follows from this state; handlers change it and ask for a redraw. */
const state = {
  snapshot: data.epochs.length - 1, // open on the trained map; play restarts from the first epoch
  xy: new Float64Array(data.count * 2),
  hover: -1,
  selected: -1,
  neighbours: { embedding: [], rgb: [] },
  query: "",
  matches: new Uint8Array(data.count),
  matchCount: 0,
  playing: false,
  settled: false,
};

const area = byId("plot-area");
const slider = byId("epoch-slider");
const playButton = byId("play");
const plot = createPlot(byId("plot"), data, state);
const tooltip = createTooltip(byId("tooltip"), area, data);
const curves = data.history;
const charts = [
  createChart(byId("loss-chart"), "Loss", curves.epoch, [
    { label: "training", colour: "#2f6fdb", values: curves.loss },
    { label: "held-out", colour: "#d9822b", values: curves.heldOutLoss },
  ], seekEpoch),
  createChart(byId("auc-chart"), "Held-out AUC", curves.epoch, [
    { label: "AUC", colour: "#1b8a5a", values: curves.auc },
  ], seekEpoch),
];

let dirty = true;
const redraw = () => { dirty = true; };

// ---- static parts ----
document.title = data.title ? `${data.title} — Colour2Vec explorer` : "Colour2Vec explorer";
byId("title").textContent = data.title || "Colour2Vec explorer";
byId("subtitle").textContent = `${data.count.toLocaleString("en")} colours · hover for a name, click for neighbours`;
fillFacts(byId("facts"), data.facts);
byId("loss-chart").closest("section").hidden = curves.epoch.length === 0;
slider.max = String(data.epochs.length - 1);
if (data.epochs.length < data.totalSnapshots) {
  const note = byId("decimated");
  note.hidden = false;
  note.textContent = `Showing ${data.epochs.length} of ${data.totalSnapshots} saved epochs, evenly spaced, to keep the page small.`;
}

// ---- epoch ----
function setSnapshot(s) {
  state.snapshot = Math.max(0, Math.min(data.epochs.length - 1, s));
  data.decode(state.snapshot, state.xy);
  slider.value = String(state.snapshot);
  const last = data.epochs[data.epochs.length - 1];
  byId("epoch-label").textContent = `epoch ${data.epochs[state.snapshot]} of ${last}`;
  if (state.selected >= 0) showNeighbours();
  state.settled = false;
  redraw();
}

function seekEpoch(epoch) {
  let best = 0;
  data.epochs.forEach((e, s) => {
    if (Math.abs(e - epoch) < Math.abs(data.epochs[best] - epoch)) best = s;
  });
  setPlaying(false);
  setSnapshot(best);
}

function setPlaying(playing) {
  state.playing = playing && data.epochs.length > 1;
  playButton.textContent = state.playing ? "Pause" : "Play";
  if (state.playing && state.snapshot === data.epochs.length - 1) setSnapshot(0);
  lastStep = performance.now();
}

slider.addEventListener("input", () => {
  setPlaying(false);
  setSnapshot(Number(slider.value));
});
playButton.addEventListener("click", () => setPlaying(!state.playing));
document.addEventListener("keydown", (event) => {
  // Controls handle their own keys (the slider its arrows, a focused button its space bar).
  const target = event.target;
  if (target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLButtonElement) return;
  if (event.key === " ") {
    event.preventDefault();
    setPlaying(!state.playing);
  } else if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
    setPlaying(false);
    setSnapshot(state.snapshot + (event.key === "ArrowRight" ? 1 : -1));
  }
});

// ---- pointer: hover shows the tooltip, click lists neighbours ----
function canvasPoint(event) {
  const rect = byId("plot").getBoundingClientRect();
  return { x: event.clientX - rect.left, y: event.clientY - rect.top };
}

let pointer = null; // the cursor over the map in canvas pixels, kept so hover follows the points as they move

function updateHover() {
  const i = pointer === null ? -1 : plot.pointAt(pointer.x, pointer.y);
  if (i !== state.hover) {
    state.hover = i;
    redraw();
  }
  if (i >= 0) tooltip.show(i, pointer.x, pointer.y);
  else tooltip.hide();
}

byId("plot").addEventListener("pointermove", (event) => {
  pointer = canvasPoint(event);
  updateHover();
});
byId("plot").addEventListener("pointerleave", () => {
  pointer = null;
  updateHover();
});
byId("plot").addEventListener("click", (event) => {
  const { x, y } = canvasPoint(event);
  choose(plot.pointAt(x, y));
});

function choose(i) {
  state.selected = i;
  showNeighbours();
  redraw();
}

function showNeighbours() {
  state.neighbours = findNeighbours(data, state);
  const chosen = state.selected >= 0;
  byId("neighbours-hint").hidden = chosen;
  byId("neighbours-body").hidden = !chosen;
  if (!chosen) return;
  fillColour(document.querySelector("#neighbours .chosen"), data, state.selected);
  fillNeighbourList(byId("embedding-neighbours"), data, state.neighbours.embedding, choose);
  fillNeighbourList(byId("rgb-neighbours"), data, state.neighbours.rgb, choose);
}

// ---- search ----
byId("search").addEventListener("input", (event) => {
  const count = search(data, state, event.target.value);
  byId("match-count").textContent = state.query === "" ? "" : `${count.toLocaleString("en")} match${count === 1 ? "" : "es"}`;
  redraw();
});

// ---- the loop: play, ease the view, draw when something changed ----
let lastFrame = performance.now();
let lastStep = lastFrame;
let drawMilliseconds = 0;

function frame(now) {
  const elapsed = Math.min(100, now - lastFrame);
  lastFrame = now;
  if (state.playing) {
    const interval = 1000 / Number(byId("speed").value);
    if (now - lastStep >= interval) {
      const steps = Math.floor((now - lastStep) / interval);
      lastStep += steps * interval;
      const next = Math.min(data.epochs.length - 1, state.snapshot + steps);
      setSnapshot(next);
      if (next === data.epochs.length - 1) setPlaying(false);
    }
  }
  const moving = plot.ease(elapsed);
  if (moving || dirty) {
    if (pointer !== null) updateHover();
    const start = performance.now();
    plot.draw();
    for (const chart of charts) chart.draw(data.epochs[state.snapshot]);
    drawMilliseconds = performance.now() - start;
    dirty = false;
  }
  state.settled = !moving && !state.playing;
  requestAnimationFrame(frame);
}

new ResizeObserver(() => {
  plot.resize();
  for (const chart of charts) chart.resize();
  redraw();
}).observe(document.body);

setSnapshot(state.snapshot);
requestAnimationFrame(frame);

// ---- the test hook ----
// window.colour2vec is a read-only view of the page's state for the browser tests (and anyone curious, from
// the console). It can change nothing: every property is a getter or a function that returns a fresh copy.
const plotCanvas = byId("plot");
Object.defineProperty(window, "colour2vec", {
  value: Object.freeze({
    /** The epoch shown now. */
    get epoch() { return data.epochs[state.snapshot]; },
    /** Index of the shown snapshot among the page's kept snapshots, and how many there are. */
    get snapshot() { return state.snapshot; },
    get snapshots() { return data.epochs.length; },
    get count() { return data.count; },
    /** True when the view has stopped moving and nothing is playing: screen positions are final. */
    get settled() { return state.settled; },
    get playing() { return state.playing; },
    /** How long the last redraw of the map and curves took, for the responsiveness test. */
    get drawMilliseconds() { return drawMilliseconds; },
    name(i) { return data.names[i]; },
    indexOf(name) { return data.names.indexOf(name); },
    /** Where colour i is drawn, in page (client) coordinates; null if it is missing at this epoch. */
    screenPosition(i) {
      const at = plot.screenPosition(i);
      if (at === null) return null;
      const rect = plotCanvas.getBoundingClientRect();
      return { x: rect.left + at.x, y: rect.top + at.y };
    },
    /** The names the search highlights now. */
    highlighted() { return data.names.filter((_, i) => state.matches[i] === 1); },
    get selected() { return state.selected < 0 ? null : data.names[state.selected]; },
    neighbours() {
      return {
        embedding: state.neighbours.embedding.map((n) => data.names[n.index]),
        rgb: state.neighbours.rgb.map((n) => data.names[n.index]),
      };
    },
  }),
  writable: false,
  configurable: false,
});

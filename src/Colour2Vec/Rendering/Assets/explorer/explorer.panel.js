// ---- explorer.panel.js: the tooltip, the search, the neighbour lists and the facts -----------------------------
// Every name enters the page through textContent (never innerHTML) and every colour through
// style.backgroundColor, so a colour named like markup shows as that text and runs nothing.

const NEIGHBOURS = 10;

/** A swatch, name and hex code filled into the .swatch/.name/.hex children of `element`. */
function fillColour(element, data, i) {
  element.querySelector(".swatch").style.backgroundColor = data.colours[i];
  element.querySelector(".name").textContent = data.names[i];
  element.querySelector(".hex").textContent = data.colours[i];
}

function createTooltip(tooltip, area, data) {
  return {
    show(i, x, y) {
      fillColour(tooltip, data, i);
      tooltip.hidden = false;
      // Beside the cursor, flipped to the other side near the right or bottom edge so it stays inside the map.
      const gap = 14;
      const box = tooltip.getBoundingClientRect();
      const left = x + gap + box.width > area.clientWidth ? x - gap - box.width : x + gap;
      const top = y + gap + box.height > area.clientHeight ? y - gap - box.height : y + gap;
      tooltip.style.left = `${Math.max(0, left)}px`;
      tooltip.style.top = `${Math.max(0, top)}px`;
    },
    hide() {
      tooltip.hidden = true;
    },
  };
}

/** Marks in state.matches the colours whose names contain the query (case-insensitive); returns the count. */
function search(data, state, query) {
  state.query = query.trim().toLowerCase();
  let count = 0;
  for (let i = 0; i < data.count; i++) {
    const match = state.query !== "" && data.lowerNames[i].includes(state.query);
    state.matches[i] = match ? 1 : 0;
    count += match ? 1 : 0;
  }
  state.matchCount = count;
  return count;
}

/** The k nearest colours to state.selected on the current snapshot's plane and in RGB. */
function findNeighbours(data, state) {
  const i = state.selected;
  if (i < 0) return { embedding: [], rgb: [] };
  const xy = state.xy;
  const x = xy[2 * i];
  const y = xy[2 * i + 1];
  const embedding = Number.isNaN(x)
    ? []
    : nearest(data.count, i, NEIGHBOURS, (j) => {
        const dx = xy[2 * j] - x;
        const dy = xy[2 * j + 1] - y;
        return Number.isNaN(dx) ? Infinity : dx * dx + dy * dy;
      });
  const channels = data.rgb;
  const rgb = nearest(data.count, i, NEIGHBOURS, (j) => {
    const dr = channels[3 * j] - channels[3 * i];
    const dg = channels[3 * j + 1] - channels[3 * i + 1];
    const db = channels[3 * j + 2] - channels[3 * i + 2];
    return dr * dr + dg * dg + db * db;
  });
  return { embedding, rgb };
}

/** Replaces the list's items with one row (swatch, name, hex) per neighbour; a click selects that colour. */
function fillNeighbourList(list, data, neighbours, onChoose) {
  const rows = neighbours.map(({ index, distance }) => {
    const row = document.createElement("li");
    row.dataset.index = String(index);
    row.title = `distance ${distance.toPrecision(3)}`;
    const swatch = document.createElement("span");
    swatch.className = "swatch";
    const text = document.createElement("span");
    text.className = "text";
    const name = document.createElement("span");
    name.className = "name";
    const hex = document.createElement("span");
    hex.className = "hex";
    text.append(name, hex);
    row.append(swatch, text);
    fillColour(row, data, index);
    row.addEventListener("click", () => onChoose(index));
    return row;
  });
  list.replaceChildren(...rows);
}

function fillFacts(element, facts) {
  const items = facts.flatMap(([label, value]) => {
    const term = document.createElement("dt");
    term.textContent = label;
    const definition = document.createElement("dd");
    definition.textContent = value;
    return [term, definition];
  });
  element.replaceChildren(...items);
  element.closest("section").hidden = items.length === 0;
}

/* The plane under a 2x2 matrix: grid, basis vectors you can drag, the unit
   square shaded with its signed area (the determinant), the orientation, and
   the column space and null space lines when the matrix is singular.
   Used on lessons 4, 6 and 7; drawGrid is shared with composition and eigen. */
import { Plot, button, exact, facts, fmt, frame, h, live, matrixBoxes, ready, s } from "./lib.js";

const ORIENT = {
  preserved: "orientation preserved",
  flipped: "orientation flipped",
  collapsed: "collapsed: the plane is squashed flat",
};

/** Draw a grid figure from the API on a plot. */
export function drawGrid(plot, fig, { labels = true } = {}) {
  plot.clear();
  const far = 40;
  for (const [a, b] of fig.grid) plot.line(a, b, "gridline");
  plot.axes();
  // Lines through the origin in a direction, long enough to cross the view.
  const through = (d, cls) => plot.line([-far * d[0], -far * d[1]], [far * d[0], far * d[1]], cls);
  const sq = fig.unit_square;
  plot.poly(sq, `unitsq ${fig.orientation}`, true);
  if (fig.column_space.kind === "line") through(fig.column_space.direction, "colspace");
  if (fig.null_space.kind === "line") through(fig.null_space.direction, "nullspace");
  plot.arrow([0, 0], fig.basis.i, "vec-i");
  plot.arrow([0, 0], fig.basis.j, "vec-j");
  if (labels) {
    const c = [(sq[0][0] + sq[2][0]) / 2, (sq[0][1] + sq[2][1]) / 2];
    plot.text(c, `det ${exact(fig.det_text)}`, "sqlabel", 0, 4);
    if (fig.column_space.kind === "line") {
      const d = fig.column_space.direction;
      plot.text([3.6 * d[0], 3.6 * d[1]], "column space", "lbl colspace-l", 4, -6);
    }
    if (fig.null_space.kind === "line") {
      const d = fig.null_space.direction;
      plot.text([-3.6 * d[0], -3.6 * d[1]], "null space", "lbl nullspace-l", 4, 14);
    }
  }
}

export function gridFacts(fig) {
  const rows = [
    ["det", exact(fig.det_text), "det-value"],
    ["orientation", ORIENT[fig.orientation], `orient-${fig.orientation}`],
    ["rank", String(fig.rank)],
  ];
  if (fig.column_space.kind === "line") rows.push(["column space", `the line through (${fig.column_space.direction.map((x) => fmt(x)).join(", ")})`]);
  if (fig.null_space.kind === "line") rows.push(["null space", `the line through (${fig.null_space.direction.map((x) => fmt(x)).join(", ")})`]);
  return facts(rows);
}

const START = { "la.determinants": [[2, 1], [0, 1]], "la.inverses": [[2, 1], [1, 1]] };

export function mount(root, { lesson }) {
  const { controls, stage, readout, status } = frame(root);
  const m = START[lesson] || [[1, 1], [0, 1]];
  const mat = matrixBoxes("A", m, () => request());
  const snap = h("input", { type: "checkbox", checked: true, class: "snap" });
  const reset = button("Reset");
  controls.append(mat.el, h("label", { class: "wctl wcheck" }, snap, h("span", {}, "snap to whole numbers")), reset);
  const plot = new Plot(stage, { width: 420, height: 420, x: [-4.5, 4.5], y: [-4.5, 4.5], label: "grid transformed by A" });
  const handles = s("g", { class: "handles" });
  plot.svg.append(handles);
  const api = live("grid", status, draw, 25);
  let last = null;

  function draw(data) {
    last = data.figure;
    drawGrid(plot, last);
    placeHandles();
    readout.replaceChildren(gridFacts(last));
    ready(root);
  }
  function request(now) { return api.update({ m: mat.param() }, now); }

  // Draggable tips of the basis vectors (the columns of A).
  const tips = ["i", "j"].map((name, col) => {
    const g = s("g", {
      class: `handle handle-${name}`, tabindex: 0, role: "slider",
      "aria-label": `tip of basis vector ${name}-hat (column ${col + 1} of A); arrow keys move it`,
    }, s("circle", { r: 11, class: "hit" }), s("circle", { r: 5, class: "dot" }));
    handles.append(g);
    let dragging = false;
    g.addEventListener("pointerdown", (e) => { dragging = true; g.setPointerCapture(e.pointerId); e.preventDefault(); });
    g.addEventListener("pointermove", (e) => {
      if (!dragging) return;
      const [x, y] = plot.toData(e);
      setColumn(col, x, y);
    });
    const stop = () => { dragging = false; };
    g.addEventListener("pointerup", stop);
    g.addEventListener("pointercancel", stop);
    g.addEventListener("keydown", (e) => {
      const step = snap.checked ? 1 : e.shiftKey ? 1 : 0.1;
      const v = mat.values();
      let x = v[col], y = v[col + 2];
      if (e.key === "ArrowLeft") x -= step;
      else if (e.key === "ArrowRight") x += step;
      else if (e.key === "ArrowUp") y += step;
      else if (e.key === "ArrowDown") y -= step;
      else return;
      e.preventDefault();
      setColumn(col, x, y);
    });
    return g;
  });

  function round(x) {
    const q = snap.checked ? 1 : 10;
    return Math.round(Math.max(-5, Math.min(5, x)) * q) / q;
  }
  function setColumn(col, x, y) {
    const v = mat.values();
    const nx = round(x), ny = round(y);
    if (v[col] === nx && v[col + 2] === ny) return;
    mat.boxes[col].set(nx);
    mat.boxes[col + 2].set(ny);
    placeHandles([nx, ny], col);
    request();
  }
  function placeHandles(pending, which) {
    const v = mat.values();
    tips.forEach((g, col) => {
      const p = pending && which === col ? pending : [v[col], v[col + 2]];
      g.setAttribute("transform", `translate(${plot.X(p[0]).toFixed(1)},${plot.Y(p[1]).toFixed(1)})`);
      g.setAttribute("aria-valuetext", `(${fmt(p[0])}, ${fmt(p[1])})`);
    });
  }
  reset.addEventListener("click", () => { mat.set([m[0][0], m[0][1], m[1][0], m[1][1]]); request(true); });
  return request(true);
}

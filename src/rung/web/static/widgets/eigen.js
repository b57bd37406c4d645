/* Eigenvectors stay on their span. A slider morphs the plane from the
   identity (t = 0) to A (t = 1) through M(t) = (1 - t) I + t A. The eigen data
   (directions and eigenvalues of A) come from the API; the morph itself is
   cheap arithmetic done here. A vector on an eigen-direction of A is also one
   of M(t), stretched by (1 - t) + t * lambda, so it never leaves its line. */
import { Plot, exact, facts, fmt, frame, h, live, matrixBoxes, ready, slider } from "./lib.js";

function apply(m, v) { return [m[0][0] * v[0] + m[0][1] * v[1], m[1][0] * v[0] + m[1][1] * v[1]]; }

export function mount(root) {
  const { controls, stage, readout, status } = frame(root);
  const mat = matrixBoxes("A", [[2, 1], [1, 2]], () => api.update({ m: mat.param() }));
  const t = slider({ label: "t (identity → A)", min: 0, max: 1, step: 0.01, value: 1, name: "t" });
  controls.append(mat.el, t.el);
  const plot = new Plot(stage, { width: 420, height: 420, label: "vectors under (1-t)I + tA" });
  let fig = null;
  const api = live("eigen", status, (data) => { fig = data.figure; draw(); ready(root); }, 40);
  t.input.addEventListener("input", () => draw());

  function draw() {
    if (!fig) return;
    const a = fig.matrix, k = t.get();
    const M = [[1 - k + k * a[0][0], k * a[0][1]], [k * a[1][0], 1 - k + k * a[1][1]]];
    plot.clear();
    for (let n = -6; n <= 6; n++) {
      plot.line(apply(M, [n, -6]), apply(M, [n, 6]), "gridline");
      plot.line(apply(M, [-6, n]), apply(M, [6, n]), "gridline");
    }
    plot.axes();
    const rows = [];
    const eig = fig.eigen;
    eig.forEach((e, idx) => {
      const d = e.vector;
      plot.line([-40 * d[0], -40 * d[1]], [40 * d[0], 40 * d[1]], `eigenline eig${idx}`);
      const stretch = 1 - k + k * e.value;
      for (const c of [2, -1.5]) {
        plot.arrow([0, 0], apply(M, [c * d[0], c * d[1]]), `vec-eig eig${idx}`);
      }
      rows.push([`λ${idx + 1}`, `${fmt(e.value)} along (${d.map((x) => fmt(x)).join(", ")})${e.every_direction ? " (every direction)" : ""}`]);
      rows.push([`stretch now`, `(1 − t) + t·λ${idx + 1} = ${fmt(stretch)}`]);
    });
    // Two vectors off the eigen-directions: they turn as t grows.
    for (const v of [[1, 0], [0, 1]]) {
      const on = eig.some((e) => Math.abs(e.vector[0] * v[1] - e.vector[1] * v[0]) < 1e-9) || eig.some((e) => e.every_direction);
      if (!on) {
        plot.line([0, 0], [40 * v[0], 40 * v[1]], "spanline");
        plot.arrow([0, 0], apply(M, v), "vec-off");
      }
    }
    if (!eig.length) rows.push(["eigen-directions", "none real: A turns every direction (complex eigenvalues)"]);
    rows.push(["det A", exact(fig.det_text)]);
    readout.replaceChildren(facts(rows), h("p", { class: "wnote" }, "Dashed lines: eigen-directions of A. Coloured arrows on them stay on their line; grey arrows leave theirs."));
  }
  return api.update({ m: mat.param() }, true);
}

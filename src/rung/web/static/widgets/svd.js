/* The SVD as rotate, scale, rotate: the unit circle after V^T, then Sigma,
   then U, with a stage slider. The stages come from the API (numpy's SVD). */
import { Plot, facts, fmt, frame, live, matrixBoxes, ready, slider } from "./lib.js";

export function mount(root) {
  const { controls, stage, readout, status } = frame(root);
  const mat = matrixBoxes("A", [[3, 0], [4, 5]], () => api.update({ m: mat.param() }));
  const k = slider({ label: "stage", min: 0, max: 3, step: 1, value: 3, name: "stage", show: (v) => ["circle", "Vᵀ", "Σ Vᵀ", "U Σ Vᵀ"][v] });
  controls.append(mat.el, k.el);
  const plot = new Plot(stage, { width: 420, height: 420, x: [-8, 8], y: [-8, 8], label: "unit circle through the SVD" });
  let fig = null;
  const api = live("svd", status, (data) => { fig = data.figure; draw(); ready(root); });
  k.input.addEventListener("input", () => draw());

  function draw() {
    if (!fig) return;
    const st = k.get();
    const r = Math.max(1.5, ...fig.S) * 1.25;
    plot.setRange([-r, r], [-r, r]);
    plot.clear();
    plot.axes();
    if (st > 0) plot.poly(fig.stages[st - 1], "stage-prev", true);
    plot.poly(fig.stages[st], "stage-now", true);
    // The image of the point (1, 0) of the circle: watch it travel.
    plot.arrow([0, 0], fig.stages[st][0], "vec-i");
    plot.text([0, 0], fig.labels[st], "lbl", 8, -8);
    readout.replaceChildren(facts([
      ["σ1, σ2", fig.S.map((x) => fmt(x)).join(", ")],
      ["Vᵀ", `${fig.reflections.Vt ? "reflect and " : ""}rotate by ${fmt(fig.rotations_deg.Vt, 1)}°`],
      ["Σ", `stretch x by ${fmt(fig.S[0])}, y by ${fmt(fig.S[1])}`],
      ["U", `${fig.reflections.U ? "reflect and " : ""}rotate by ${fmt(fig.rotations_deg.U, 1)}°`],
      ["|det A| = σ1 σ2", fmt(fig.S[0] * fig.S[1])],
    ]));
  }
  return api.update({ m: mat.param() }, true);
}

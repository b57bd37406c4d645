/* Bayes' rule as areas on the unit square: the hypothesis column has width
   P(H); the shaded heights are P(E | H) and P(E | not H). The posterior is
   the share of the shaded (evidence) area that lies in the H column. */
import { Plot, facts, fmt, frame, live, ready, slider } from "./lib.js";

export function mount(root) {
  const { controls, stage, readout, status } = frame(root);
  const prior = slider({ label: "P(H)", min: 0, max: 1, step: 0.01, value: 0.1, name: "prior" });
  const tp = slider({ label: "P(E | H)", min: 0, max: 1, step: 0.01, value: 0.9, name: "tp" });
  const fp = slider({ label: "P(E | not H)", min: 0, max: 1, step: 0.01, value: 0.2, name: "fp" });
  controls.append(prior.el, tp.el, fp.el);
  const plot = new Plot(stage, { width: 360, height: 360, x: [-0.02, 1.02], y: [-0.02, 1.02], label: "unit square split by H and E" });
  const api = live("bayes", status, (data) => {
    const f = data.figure;
    plot.clear();
    plot.poly([[0, 0], [1, 0], [1, 1], [0, 1]], "square", true);
    plot.poly([[0, 0], [f.prior, 0], [f.prior, 1], [0, 1]], "col-h", true);
    f.rects.forEach((r, i) => plot.poly([[r.x, r.y], [r.x + r.w, r.y], [r.x + r.w, r.y + r.h], [r.x, r.y + r.h]], i ? "ev-not" : "ev-h", true));
    if (f.prior > 0.08) plot.text([f.prior / 2, 0.96], "H", "lbl mid");
    if (f.prior < 0.92) plot.text([(1 + f.prior) / 2, 0.96], "not H", "lbl mid");
    readout.replaceChildren(facts([
      ["P(H and E)", `${fmt(f.prior)} × ${fmt(f.true_positive)} = ${fmt(f.rects[0].area, 4)}`],
      ["P(not H and E)", `${fmt(1 - f.prior)} × ${fmt(f.false_positive)} = ${fmt(f.rects[1].area, 4)}`],
      ["P(E)", fmt(f.evidence, 4)],
      ["P(H | E)", f.posterior === null ? "undefined (E cannot happen)" : fmt(f.posterior, 4), "posterior-value"],
    ]));
    ready(root);
  });
  const params = () => ({ prior: prior.get(), tp: tp.get(), fp: fp.get() });
  for (const c of [prior, tp, fp]) c.input.addEventListener("input", () => api.update(params()));
  return api.update(params(), true);
}

/* The derivative as a zoom: pick a function and a point, then zoom in; the
   curve straightens onto its tangent and the secant slope closes in on f'(x0). */
import { Plot, facts, fmt, frame, live, ready, select, slider } from "./lib.js";

const FUNCS = ["x^2", "x^3 - x", "sin(x)", "cos(x)", "exp(x)", "tanh(x)", "log(1+x)", "1/(1-x)"];

export function mount(root) {
  const { controls, stage, readout, status } = frame(root);
  const f = select({ label: "f(x) =", options: FUNCS, value: "sin(x)", name: "f" });
  const x0 = slider({ label: "x₀", min: -2.5, max: 2.5, step: 0.1, value: 0.5, name: "x0" });
  const zoom = slider({ label: "zoom", min: 0, max: 3, step: 1, value: 0, name: "zoom", show: (v) => ["±2", "±0.5", "±0.1", "±0.02"][v] });
  controls.append(f.el, x0.el, zoom.el);
  const plot = new Plot(stage, { width: 420, height: 320, label: "curve and tangent, zoomed" });
  let fig = null;
  const api = live("derivative", status, (data) => { fig = data.figure; draw(); ready(root); });
  const request = () => api.update({ f: f.get(), x0: x0.get() });
  f.input.addEventListener("change", request);
  x0.input.addEventListener("input", request);
  zoom.input.addEventListener("input", () => draw());

  function draw() {
    if (!fig) return;
    const w = fig.windows[zoom.get()];
    const h = w.half_width;
    plot.setRange([fig.x0 - h, fig.x0 + h], [fig.f_x0 - h * 0.75, fig.f_x0 + h * 0.75]);
    plot.clear();
    plot.curve(w.x, w.tangent, "tangent");
    plot.curve(w.x, w.y, "fcurve");
    plot.poly([[fig.x0, fig.f_x0], [fig.x0, fig.f_x0]], "pt");
    plot.text([fig.x0, fig.f_x0], `(${fmt(fig.x0, 2)}, ${fmt(fig.f_x0)})`, "lbl", 6, 16);
    plot.ticksX([fig.x0 - h * 0.9, fig.x0 + h * 0.9], 3);
    readout.replaceChildren(facts([
      ["f′(x₀)", fmt(fig.slope, 4), "slope-value"],
      ["secant slope over ±" + fmt(h, 2), fmt(w.secant_slope, 4)],
      ["largest gap to the tangent", w.max_gap_to_tangent === null ? "–" : fmt(w.max_gap_to_tangent, 6)],
    ]));
  }
  return api.update({ f: f.get(), x0: x0.get() }, true);
}

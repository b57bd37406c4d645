/* Gradient descent (with momentum) on a 2-D loss surface. Click the map to
   start somewhere else; a learning rate too large diverges, and says so. */
import { Plot, facts, fmt, frame, h, live, ready, s, select, slider } from "./lib.js";

export function mount(root) {
  const { controls, stage, readout, status } = frame(root);
  const surface = select({ label: "surface", options: [["bowl", "elongated bowl"], ["rosenbrock", "Rosenbrock valley"], ["saddle", "saddle"]], value: "bowl", name: "surface" });
  const lr = slider({ label: "learning rate", min: -3, max: 0, step: 0.05, value: Math.log10(0.1), name: "lr", show: (v) => fmt(10 ** v, 4) });
  const mom = slider({ label: "momentum", min: 0, max: 0.95, step: 0.05, value: 0, name: "momentum" });
  const steps = slider({ label: "steps", min: 10, max: 300, step: 10, value: 60, name: "steps" });
  controls.append(surface.el, lr.el, mom.el, steps.el);
  const plot = new Plot(stage, { width: 420, height: 420, x: [-3, 3], y: [-3, 3], label: "loss surface and descent path; click to start there" });
  let start = null;
  const api = live("descent", status, (data) => { draw(data.figure); ready(root); });
  const params = () => {
    const p = { surface: surface.get(), lr: (10 ** lr.get()).toPrecision(4), momentum: mom.get(), steps: steps.get() };
    if (start) { p.x = start[0].toFixed(2); p.y = start[1].toFixed(2); }
    return p;
  };
  const request = () => api.update(params());
  surface.input.addEventListener("change", () => { start = null; request(); });
  for (const c of [lr, mom, steps]) c.input.addEventListener("input", request);
  plot.svg.addEventListener("click", (e) => { start = plot.toData(e); request(); });

  function draw(f) {
    const [x0, x1, y0, y1] = f.bounds;
    plot.setRange([x0, x1], [y0, y1]);
    plot.clear();
    // Heat map of log(1 + loss - min): contours of a steep valley stay visible.
    const z = f.grid.z, xs = f.grid.x, ys = f.grid.y;
    let lo = Infinity, hi = -Infinity;
    for (const row of z) for (const v of row) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    const g = s("g", { class: "heat" });
    const dx = (xs[1] - xs[0]) / 2, dy = (ys[1] - ys[0]) / 2;
    const top = Math.log1p(hi - lo);
    z.forEach((row, j) => row.forEach((v, i) => {
      const t = Math.log1p(v - lo) / top;
      g.append(s("rect", {
        x: plot.X(xs[i] - dx), y: plot.Y(ys[j] + dy), width: plot.X(xs[i] + dx) - plot.X(xs[i] - dx) + 0.5,
        height: plot.Y(ys[j] - dy) - plot.Y(ys[j] + dy) + 0.5, fill: `hsl(${220 - 190 * t}, 70%, ${88 - 38 * t}%)`,
      }));
    }));
    plot.clip.append(g);
    plot.poly(f.path, "path");
    plot.poly([f.path[0], f.path[0]], "pt start");
    plot.poly([f.path.at(-1), f.path.at(-1)], "pt end");
    const last = f.loss.at(-1);
    readout.replaceChildren(facts([
      ["start", `(${f.path[0].map((x) => fmt(x, 2)).join(", ")}), loss ${fmt(f.loss[0], 4)}`],
      ["after " + (f.path.length - 1) + " steps", `(${f.path.at(-1).map((x) => fmt(x, 3)).join(", ")}), loss ${fmt(last, 6)}`],
      ["verdict", f.diverged ? "diverged: the steps grew without bound (lower the learning rate)" : last < f.loss[0] ? "converging" : "not improving", f.diverged ? "diverged" : ""],
    ]), h("p", { class: "wnote" }, "Update: v ← μ·v − η·∇f(p), p ← p + v. Click the map to move the start."));
  }
  return api.update(params(), true);
}

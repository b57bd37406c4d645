/* The central limit theorem by sampling: means of n draws, a histogram of
   many such means, and the normal density of width sigma / sqrt(n). */
import { Plot, button, facts, fmt, frame, live, ready, select, slider } from "./lib.js";

export function mount(root) {
  const { controls, stage, readout, status } = frame(root);
  const dist = select({ label: "draw from", options: ["exponential", "uniform", "die", "bernoulli(0.2)"], value: "exponential", name: "dist" });
  const n = slider({ label: "n per mean", min: 1, max: 100, step: 1, value: 5, name: "n" });
  const again = button("Sample again");
  controls.append(dist.el, n.el, again);
  const plot = new Plot(stage, { width: 440, height: 300, label: "histogram of sample means and the normal curve" });
  let seed = 0;
  const api = live("clt", status, (data) => {
    const f = data.figure;
    const e = f.edges, top = Math.max(...f.density, ...f.normal) * 1.1;
    plot.setRange([e[0], e.at(-1)], [0, top]);
    plot.clear();
    f.density.forEach((d, i) => plot.poly([[e[i], 0], [e[i], d], [e[i + 1], d], [e[i + 1], 0]], "bar", true));
    const mids = e.slice(0, -1).map((x, i) => (x + e[i + 1]) / 2);
    plot.curve(mids, f.normal, "normal");
    plot.ticksX([e[0] + (e.at(-1) - e[0]) * 0.1, f.mean, e.at(-1) - (e.at(-1) - e[0]) * 0.1], 2);
    readout.replaceChildren(facts([
      ["means of", `${f.n} draws, ${f.samples} times`],
      ["mean", `theory ${fmt(f.mean)}, sample ${fmt(f.sample_mean)}`],
      ["spread σ/√n", `theory ${fmt(f.sd)}, sample ${fmt(f.sample_sd)}`, "sd-value"],
    ]));
    ready(root);
  });
  const request = () => api.update({ dist: dist.get(), n: n.get(), seed });
  dist.input.addEventListener("change", request);
  n.input.addEventListener("input", request);
  again.addEventListener("click", () => { seed += 1; request(); });
  return api.update({ dist: dist.get(), n: n.get(), seed }, true);
}

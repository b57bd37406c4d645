/* A neural-network playground: an MLP trained by full-batch gradient descent
   on 2-D points (moons, circles, XOR). "Train" asks the API for the network
   after more and more steps (same seed, so each picture continues the last)
   and redraws the decision boundary and the loss curve as it learns. */
import { Plot, button, facts, fmt, frame, h, live, ready, s, select, slider } from "./lib.js";

const SCHEDULE = [0, 10, 25, 50, 100, 200, 350, 500, 750, 1000];

export function mount(root) {
  const { controls, stage, readout, status } = frame(root);
  const data = select({ label: "data", options: ["moons", "circles", "xor"], value: "moons", name: "dataset" });
  const width = slider({ label: "width", min: 1, max: 16, step: 1, value: 8, name: "width" });
  const depth = slider({ label: "hidden layers", min: 1, max: 4, step: 1, value: 2, name: "depth" });
  const act = select({ label: "activation", options: ["tanh", "relu", "sigmoid"], value: "tanh", name: "activation" });
  const lr = slider({ label: "learning rate", min: 0.01, max: 2, step: 0.01, value: 0.5, name: "lr" });
  const train = button("Train", "primary");
  controls.append(data.el, width.el, depth.el, act.el, lr.el, train);
  const pair = h("div", { class: "wpair" });
  stage.append(pair);
  const boundary = new Plot(h("div", { class: "wcell" }), { width: 320, height: 320, label: "decision boundary and data" });
  const lossPlot = new Plot(h("div", { class: "wcell" }), { width: 320, height: 200, x: [0, 1000], y: [0, 1], label: "training loss" });
  pair.append(boundary.svg.parentNode, lossPlot.svg.parentNode);
  let run = 0;
  const api = live("playground", status, (d) => draw(d.figure), 0);
  const params = (steps) => ({ dataset: data.get(), width: width.get(), depth: depth.get(), activation: act.get(), lr: lr.get(), steps });

  function draw(f) {
    const gx = f.grid.x, gy = f.grid.y;
    boundary.setRange([gx[0], gx.at(-1)], [gy[0], gy.at(-1)]);
    boundary.clear();
    const heat = s("g", { class: "heat" });
    const dx = (gx[1] - gx[0]) / 2, dy = (gy[1] - gy[0]) / 2;
    f.grid.p.forEach((row, j) => row.forEach((p, i) => {
      heat.append(s("rect", {
        x: boundary.X(gx[i] - dx), y: boundary.Y(gy[j] + dy), width: boundary.X(gx[i] + dx) - boundary.X(gx[i] - dx) + 0.5,
        height: boundary.Y(gy[j] - dy) - boundary.Y(gy[j] + dy) + 0.5,
        fill: p > 0.5 ? `hsla(28, 85%, 55%, ${(p - 0.5) * 1.3})` : `hsla(205, 75%, 50%, ${(0.5 - p) * 1.3})`,
      }));
    }));
    boundary.clip.append(heat);
    const pts = s("g", { class: "points" });
    f.points.forEach((p, k) => pts.append(s("circle", { cx: boundary.X(p[0]), cy: boundary.Y(p[1]), r: 3.2, class: f.labels[k] ? "c1" : "c0" })));
    boundary.clip.append(pts);
    const top = Math.max(0.8, f.loss[0] * 1.1);
    lossPlot.setRange([0, Math.max(50, f.steps)], [0, top]);
    lossPlot.clear();
    lossPlot.axes();
    lossPlot.curve(f.loss.map((_, i) => i), f.loss, "losscurve");
    lossPlot.text([Math.max(50, f.steps) * 0.02, top * 0.92], "loss", "lbl", 0, 0);
    readout.replaceChildren(facts([
      ["steps", String(f.steps)],
      ["loss", fmt(f.loss.at(-1), 4), "loss-value"],
      ["accuracy", `${fmt(100 * f.accuracy, 1)}%`, "acc-value"],
    ]));
    ready(root);
  }
  async function trainAll() {
    const mine = ++run;
    train.disabled = true;
    for (const steps of SCHEDULE.slice(1)) {
      if (mine !== run) return;
      await api.update(params(steps), true);
    }
    train.disabled = false;
  }
  train.addEventListener("click", trainAll);
  for (const c of [data, act]) c.input.addEventListener("change", () => { run++; train.disabled = false; api.update(params(0)); });
  for (const c of [width, depth, lr]) c.input.addEventListener("change", () => { run++; train.disabled = false; api.update(params(0)); });
  return api.update(params(0), true);
}

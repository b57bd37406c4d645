/* Taylor polynomials of growing order beside the function they approximate. */
import { Plot, facts, fmt, frame, live, ready, select, slider } from "./lib.js";

const FUNCS = ["sin(x)", "cos(x)", "exp(x)", "log(1+x)", "1/(1-x)", "tanh(x)", "x^3 - x"];

export function mount(root) {
  const { controls, stage, readout, status } = frame(root);
  const f = select({ label: "f(x) =", options: FUNCS, value: "sin(x)", name: "f" });
  const a = slider({ label: "centre a", min: -2, max: 2, step: 0.1, value: 0, name: "a" });
  const order = slider({ label: "order", min: 0, max: 12, step: 1, value: 3, name: "order" });
  controls.append(f.el, a.el, order.el);
  const plot = new Plot(stage, { width: 440, height: 320, x: [-3, 3], y: [-3, 3], label: "function and Taylor polynomial" });
  const api = live("taylor", status, (data) => {
    const fig = data.figure;
    plot.clear();
    plot.axes();
    plot.curve(fig.x, fig.f, "fcurve");
    plot.curve(fig.x, fig.polynomial, "poly");
    plot.line([fig.a, -3], [fig.a, 3], "spanline");
    plot.ticksX([-2, -1, 1, 2], 0);
    const terms = fig.coefficients.map((c, k) => `${fmt(c, 4)}${k ? ` (x−a)${k > 1 ? "^" + k : ""}` : ""}`);
    readout.replaceChildren(facts([
      ["order", String(fig.order)],
      ["coefficients f⁽ᵏ⁾(a)/k!", terms.join(" + ").replace(/\+ −/g, "− ")],
    ]));
    ready(root);
  });
  const request = () => api.update({ f: f.get(), a: a.get(), order: order.get() });
  f.input.addEventListener("change", request);
  a.input.addEventListener("input", request);
  order.input.addEventListener("input", request);
  return api.update({ f: f.get(), a: a.get(), order: order.get() }, true);
}

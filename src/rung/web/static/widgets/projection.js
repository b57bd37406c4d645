/* Projection of v onto the line of u: drag either tip (or focus it and use
   the arrow keys). Dot product, projection, residual and angle from the API. */
import { Plot, facts, fmt, frame, live, ready, s } from "./lib.js";

export function mount(root) {
  const { stage, readout, status } = frame(root);
  const plot = new Plot(stage, { width: 420, height: 420, x: [-4.5, 4.5], y: [-4.5, 4.5], label: "projection of v onto u" });
  const handles = s("g", { class: "handles" });
  plot.svg.append(handles);
  const vec = { v: [1, 3], u: [4, 1] };
  const api = live("projection", status, (data) => { draw(data.figure); ready(root); }, 25);
  const request = (now) => api.update({ v: vec.v.join(","), u: vec.u.join(",") }, now);

  const tips = {};
  for (const name of ["v", "u"]) {
    const g = s("g", { class: `handle handle-${name}`, tabindex: 0, role: "slider", "aria-label": `tip of ${name}; arrow keys move it` },
      s("circle", { r: 11, class: "hit" }), s("circle", { r: 5, class: "dot" }));
    handles.append(g);
    tips[name] = g;
    let dragging = false;
    g.addEventListener("pointerdown", (e) => { dragging = true; g.setPointerCapture(e.pointerId); e.preventDefault(); });
    g.addEventListener("pointermove", (e) => { if (dragging) move(name, plot.toData(e)); });
    g.addEventListener("pointerup", () => { dragging = false; });
    g.addEventListener("keydown", (e) => {
      const d = { ArrowLeft: [-0.5, 0], ArrowRight: [0.5, 0], ArrowUp: [0, 0.5], ArrowDown: [0, -0.5] }[e.key];
      if (!d) return;
      e.preventDefault();
      move(name, [vec[name][0] + d[0], vec[name][1] + d[1]]);
    });
  }
  function move(name, p) {
    const q = p.map((x) => Math.round(Math.max(-4.5, Math.min(4.5, x)) * 2) / 2);
    if (name === "u" && q[0] === 0 && q[1] === 0) return; // no line to project onto
    vec[name] = q;
    place();
    request();
  }
  function place() {
    for (const name of ["v", "u"]) tips[name].setAttribute("transform", `translate(${plot.X(vec[name][0])},${plot.Y(vec[name][1])})`);
  }
  function draw(f) {
    plot.clear();
    plot.axes();
    const n = Math.hypot(...f.u);
    const d = [f.u[0] / n, f.u[1] / n];
    plot.line([-20 * d[0], -20 * d[1]], [20 * d[0], 20 * d[1]], "spanline");
    plot.line(f.proj, f.v, "residual");
    // The right angle between the residual and the line, when both have length.
    const rn = Math.hypot(...f.residual);
    if (rn > 0.2 && Math.hypot(...f.proj) > 0.2) {
      const r = [f.residual[0] / rn * 0.3, f.residual[1] / rn * 0.3];
      const back = f.dot >= 0 ? -0.3 : 0.3;
      const a = [f.proj[0] + back * d[0], f.proj[1] + back * d[1]];
      plot.poly([a, [a[0] + r[0], a[1] + r[1]], [f.proj[0] + r[0], f.proj[1] + r[1]]], "rightangle");
    }
    plot.arrow([0, 0], f.proj, "vec-proj");
    plot.arrow([0, 0], f.u, "vec-u");
    plot.arrow([0, 0], f.v, "vec-v");
    plot.text(f.proj, "proj", "lbl", 6, 16);
    plot.text(f.v, "v", "lbl", 8, -6);
    plot.text(f.u, "u", "lbl", 8, -6);
    place();
    readout.replaceChildren(facts([
      ["v, u", `(${f.v.map((x) => fmt(x)).join(", ")}), (${f.u.map((x) => fmt(x)).join(", ")})`],
      ["v · u", fmt(f.dot), "dot-value"],
      ["projection", `(v·u / u·u) u = (${f.proj.map((x) => fmt(x)).join(", ")})`],
      ["residual", `v − proj = (${f.residual.map((x) => fmt(x)).join(", ")}), at a right angle to u`],
      ["angle", f.angle_deg === null ? "undefined (v = 0)" : `${fmt(f.angle_deg, 1)}°, cos = ${fmt(f.cos)}`],
    ]));
  }
  place();
  return request(true);
}

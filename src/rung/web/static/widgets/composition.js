/* AB against BA: edit A and B; the grids of both products side by side,
   with their determinants (always equal) and whether the products agree. */
import { Plot, exact, facts, frame, h, live, matrixBoxes, ready } from "./lib.js";
import { drawGrid } from "./grid.js";

function matText(m) { return `[${m.map((r) => r.map((x) => exact(String(+x.toFixed(6)))).join(" ")).join("; ")}]`; }

export function mount(root) {
  const { controls, stage, readout, status } = frame(root);
  const change = () => api.update({ a: A.param(), b: B.param() });
  const A = matrixBoxes("A", [[0, -1], [1, 0]], change);
  const B = matrixBoxes("B", [[1, 1], [0, 1]], change);
  controls.append(A.el, B.el);
  const pair = h("div", { class: "wpair" });
  stage.append(pair);
  const cells = ["AB", "BA"].map((name) => {
    const cell = h("div", { class: "wcell" }, h("p", { class: "wcap" }, name === "AB" ? "AB: apply B, then A" : "BA: apply A, then B"));
    pair.append(cell);
    return new Plot(cell, { width: 300, height: 300, label: `grid under ${name}` });
  });
  const api = live("composition", status, (data) => {
    const f = data.figure;
    drawGrid(cells[0], f.AB, { labels: false });
    drawGrid(cells[1], f.BA, { labels: false });
    readout.replaceChildren(facts([
      ["AB", matText(f.AB.matrix)],
      ["BA", matText(f.BA.matrix)],
      ["commute?", f.commute ? "yes: AB = BA" : "no: AB ≠ BA", f.commute ? "commute-yes" : "commute-no"],
      ["det AB = det BA", `${exact(f.det_text)} = det A · det B = ${exact(f.A.det_text)} · ${exact(f.B.det_text)}`],
    ]));
    ready(root);
  });
  return api.update({ a: A.param(), b: B.param() }, true);
}

/* Attention over a text the learner types, from the GPT of the labs (theirs
   if their lab workspace has a checkpoint, else the shipped reference model).
   Row t of the heat map is where position t looks; the causal mask leaves the
   upper triangle empty. Hover or focus a row to see its top choices. */
import { facts, fmt, frame, h, live, ready, s, select } from "./lib.js";

const CELL = 14;

export function mount(root) {
  const { controls, stage, readout, status } = frame(root);
  const id = "attn-text-" + Math.random().toString(36).slice(2, 7);
  const text = h("input", { type: "text", id, class: "wtext", value: "To be, or not to be, that is the question.", maxlength: 300, spellcheck: "false" });
  const layer = select({ label: "layer", options: [["0", "1"]], value: "0", name: "layer" });
  const head = select({ label: "head", options: [["0", "1"]], value: "0", name: "head" });
  controls.append(h("label", { class: "wctl wwide", for: id }, h("span", {}, "text"), text), layer.el, head.el);
  let fig = null;
  const api = live("attention", status, (d) => { fig = d.figure; options(); draw(); ready(root); }, 200);
  text.addEventListener("input", () => api.update({ text: text.value }));
  layer.input.addEventListener("change", draw);
  head.input.addEventListener("change", draw);

  function options() {
    const fill = (sel, n) => {
      const keep = Math.min(Number(sel.input.value) || 0, n - 1);
      sel.input.replaceChildren(...Array.from({ length: n }, (_, k) => h("option", { value: k, selected: k === keep }, String(k + 1))));
    };
    fill(layer, fig.n_layers);
    fill(head, fig.n_heads);
  }
  function show(ch) { return ch === " " ? "␣" : ch === "\n" ? "⏎" : ch; }
  function draw() {
    if (!fig) return;
    const w = fig.layers[Number(layer.get())].heads[Number(head.get())];
    const toks = fig.tokens, T = toks.length, m = 18;
    const size = m + T * CELL + 2;
    const svg = s("svg", { viewBox: `0 0 ${size} ${size}`, class: "plot attn", role: "img", "aria-label": `attention weights, layer ${Number(layer.get()) + 1}, head ${Number(head.get()) + 1}` });
    svg.style.maxWidth = `${Math.max(260, size * 1.6)}px`;
    for (let i = 0; i < T; i++) {
      svg.append(s("text", { x: m - 4, y: m + i * CELL + CELL * 0.75, class: "tok row" }, show(toks[i])));
      svg.append(s("text", { x: m + i * CELL + CELL / 2, y: m - 5, class: "tok col" }, show(toks[i])));
      const row = s("g", { class: "attn-row", tabindex: 0, "data-row": i, "aria-label": `position ${i + 1}, ${show(toks[i])}` });
      for (let j = 0; j <= i; j++) {
        const v = w[i][j];
        row.append(s("rect", { x: m + j * CELL, y: m + i * CELL, width: CELL - 1, height: CELL - 1, class: "cell", "fill-opacity": Math.max(0.04, Math.sqrt(v)).toFixed(3) }, s("title", {}, `${show(toks[i])} → ${show(toks[j])}: ${fmt(v, 3)}`)));
      }
      row.addEventListener("mouseenter", () => explain(i, w));
      row.addEventListener("focus", () => explain(i, w));
      svg.append(row);
    }
    stage.replaceChildren(svg);
    explain(T - 1, w);
  }
  function explain(i, w) {
    const toks = fig.tokens;
    const order = w[i].map((v, j) => [v, j]).slice(0, i + 1).sort((a, b) => b[0] - a[0]).slice(0, 3);
    const L = fig.layers[Number(layer.get())];
    const rows = [
      ["model", fig.model.name + (fig.model.note ? ` — ${fig.model.note}` : "")],
      [`position ${i + 1} “${show(toks[i])}” looks at`, order.map(([v, j]) => `“${show(toks[j])}” (${j + 1}) ${fmt(v, 2)}`).join(", ")],
      ["row sum", fmt(w[i].reduce((a, b) => a + b, 0), 3)],
      ["mean look-back of this head", `${fmt(L.mean_distance[Number(head.get())], 2)} positions`],
    ];
    if (fig.model.dropped.length) rows.push(["left out (unknown to the model)", fig.model.dropped.map(show).join(" ")]);
    if (fig.model.truncated) rows.push(["context", `only the last ${fig.model.block_size} characters fit`]);
    readout.replaceChildren(facts(rows));
  }
  return api.update({ text: text.value }, true);
}

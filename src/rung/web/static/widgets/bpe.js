/* BPE merges splitting a text: step 0 is raw UTF-8 bytes; each step applies
   the earliest-learned merge present (the tokenizer lab's reference, trained
   on Tiny Shakespeare). Tokens are coloured spans; the slider walks the steps. */
import { exact, facts, frame, h, hue, live, ready, slider } from "./lib.js";

export function mount(root) {
  const { controls, stage, readout, status } = frame(root);
  const id = "bpe-text-" + Math.random().toString(36).slice(2, 7);
  const text = h("input", { type: "text", id, class: "wtext", value: "First Citizen: Before we proceed any further, hear me speak.", maxlength: 300, spellcheck: "false" });
  const step = slider({ label: "merge step", min: 0, max: 1, step: 1, value: 1, name: "step" });
  controls.append(h("label", { class: "wctl wwide", for: id }, h("span", {}, "text"), text), step.el);
  let fig = null;
  const api = live("bpe", status, (d) => {
    const atEnd = !fig || step.get() >= fig.steps.length - 1;
    fig = d.figure;
    step.input.max = fig.steps.length - 1;
    if (atEnd || step.get() > fig.steps.length - 1) step.set(fig.steps.length - 1);
    draw();
    ready(root);
  }, 120);
  text.addEventListener("input", () => api.update({ text: text.value }));
  step.input.addEventListener("input", draw);

  function vis(t) { return t.replace(/ /g, "·").replace(/\n/g, "⏎"); }
  function draw() {
    if (!fig) return;
    const k = Math.min(step.get(), fig.steps.length - 1);
    const st = fig.steps[k];
    const newId = st.merge ? st.merge.id : null;
    const spans = st.ids.map((tid) => {
      const tok = fig.vocab[String(tid)];
      return h("span", {
        class: "tok" + (tid === newId ? " fresh" : "") + (tid < 256 ? " byte" : ""),
        style: `--h:${hue(tid)}`, title: `id ${tid}: ${JSON.stringify(tok.text)} (${tok.bytes.length} byte${tok.bytes.length > 1 ? "s" : ""})`,
      }, vis(tok.text));
    });
    stage.replaceChildren(h("p", { class: "bpe-tokens", "aria-label": `tokens at step ${k}` }, spans));
    const m = st.merge;
    readout.replaceChildren(facts([
      ["step", `${k} of ${fig.steps.length - 1}`],
      ["this merge", m ? `“${vis(fig.vocab[m.pair[0]].text)}” + “${vis(fig.vocab[m.pair[1]].text)}” → id ${m.id} “${vis(fig.vocab[m.id].text)}” (${m.count}×)` : "none yet: one token per byte"],
      ["tokens", `${st.ids.length} for ${fig.n_bytes} bytes`, "count-value"],
      ["bytes per token", exact((fig.n_bytes / st.ids.length).toFixed(2))],
    ]));
  }
  return api.update({ text: text.value }, true);
}

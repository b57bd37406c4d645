/* Shared helpers for rung's widgets: DOM and SVG builders, a plot with data
   coordinates, form controls, and a "live" link to the figure API.
   Every number a widget prints comes from /api/viz (the tested Python), so
   the page and the checks agree; the browser only draws. No libraries. */

export const SVGNS = "http://www.w3.org/2000/svg";

function put(node, attrs, children) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") node.textContent = v;
    else if (k === "class") node.setAttribute("class", v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/** An HTML element: h("p", {class: "x"}, "text", child). */
export function h(tag, attrs, ...children) {
  return put(document.createElement(tag), attrs, children);
}

/** An SVG element. */
export function s(tag, attrs, ...children) {
  return put(document.createElementNS(SVGNS, tag), attrs, children);
}

/** A number for people: at most `digits` decimals, no trailing zeros, a real minus sign. */
export function fmt(x, digits = 3) {
  if (x === null || x === undefined || Number.isNaN(x)) return "–";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "−∞";
  let t = Number(x).toFixed(digits);
  if (t.includes(".")) t = t.replace(/0+$/, "").replace(/\.$/, "");
  if (t === "-0") t = "0";
  return t.replace(/^-/, "−");
}

/** An exact number string from the API ("-2", "0.75") with a typographic minus. */
export function exact(text) {
  return String(text).replace(/^-/, "−");
}

export function clamp(x, lo, hi) {
  return Math.min(hi, Math.max(lo, x));
}

/** A stable colour for a token id or index: golden-angle hues. */
export function hue(k) {
  return Math.round((k * 137.508) % 360);
}

/* ------------------------------------------------------------------ the plot */

/** An SVG plot in data coordinates. `equal` keeps one unit the same length on both axes. */
export class Plot {
  constructor(parent, { width = 360, height = 360, x = [-5, 5], y = [-5, 5], pad = 6, label = "" } = {}) {
    this.w = width;
    this.h = height;
    this.pad = pad;
    this.x0 = x[0]; this.x1 = x[1]; this.y0 = y[0]; this.y1 = y[1];
    this.svg = s("svg", {
      viewBox: `0 0 ${width} ${height}`, class: "plot", role: "img", "aria-label": label,
      preserveAspectRatio: "xMidYMid meet",
    });
    const clipId = "clip" + Math.random().toString(36).slice(2, 9);
    this.svg.append(s("defs", {}, s("clipPath", { id: clipId },
      s("rect", { x: pad, y: pad, width: width - 2 * pad, height: height - 2 * pad }))));
    this.clip = s("g", { "clip-path": `url(#${clipId})` });
    this.top = s("g", {});
    this.svg.append(this.clip, this.top);
    parent.append(this.svg);
  }
  setRange(x, y) { this.x0 = x[0]; this.x1 = x[1]; this.y0 = y[0]; this.y1 = y[1]; }
  X(v) { return this.pad + ((v - this.x0) / (this.x1 - this.x0)) * (this.w - 2 * this.pad); }
  Y(v) { return this.h - this.pad - ((v - this.y0) / (this.y1 - this.y0)) * (this.h - 2 * this.pad); }
  P(p) { return `${this.X(p[0]).toFixed(2)},${this.Y(p[1]).toFixed(2)}`; }
  /** Data coordinates of a pointer event. */
  toData(evt) {
    const r = this.svg.getBoundingClientRect();
    const sx = ((evt.clientX - r.left) / r.width) * this.w;
    const sy = ((evt.clientY - r.top) / r.height) * this.h;
    return [
      this.x0 + ((sx - this.pad) / (this.w - 2 * this.pad)) * (this.x1 - this.x0),
      this.y0 + ((this.h - this.pad - sy) / (this.h - 2 * this.pad)) * (this.y1 - this.y0),
    ];
  }
  clear() { this.clip.replaceChildren(); this.top.replaceChildren(); }
  line(a, b, cls, parent = this.clip) {
    const el = s("line", { x1: this.X(a[0]), y1: this.Y(a[1]), x2: this.X(b[0]), y2: this.Y(b[1]), class: cls });
    parent.append(el);
    return el;
  }
  poly(points, cls, closed = false, parent = this.clip) {
    const el = s(closed ? "polygon" : "polyline", { points: points.map((p) => this.P(p)).join(" "), class: cls });
    parent.append(el);
    return el;
  }
  /** A polyline through (xs[i], ys[i]); gaps where ys is null or outside the view. */
  curve(xs, ys, cls) {
    const span = this.y1 - this.y0;
    let run = [];
    const flush = () => { if (run.length > 1) this.poly(run, cls); run = []; };
    xs.forEach((x, i) => {
      const y = ys[i];
      if (y === null || y === undefined || y < this.y0 - 2 * span || y > this.y1 + 2 * span) flush();
      else run.push([x, y]);
    });
    flush();
  }
  arrow(from, to, cls, parent = this.clip) {
    const g = s("g", { class: "arrow " + cls });
    const x1 = this.X(from[0]), y1 = this.Y(from[1]), x2 = this.X(to[0]), y2 = this.Y(to[1]);
    const len = Math.hypot(x2 - x1, y2 - y1);
    g.append(s("line", { x1, y1, x2, y2 }));
    if (len > 4) {
      const ux = (x2 - x1) / len, uy = (y2 - y1) / len, k = Math.min(10, len / 2);
      const p = [[x2, y2], [x2 - k * ux + 0.45 * k * uy, y2 - k * uy - 0.45 * k * ux],
        [x2 - k * ux - 0.45 * k * uy, y2 - k * uy + 0.45 * k * ux]];
      g.append(s("polygon", { points: p.map((q) => q.join(",")).join(" ") }));
    }
    parent.append(g);
    return g;
  }
  text(p, str, cls, dx = 0, dy = 0, parent = this.top) {
    const el = s("text", { x: this.X(p[0]) + dx, y: this.Y(p[1]) + dy, class: cls }, str);
    parent.append(el);
    return el;
  }
  /** Light axes through the origin (when in view) with whole-number ticks. */
  axes(every = 1) {
    const g = s("g", { class: "axes" });
    if (this.y0 <= 0 && this.y1 >= 0) this.line([this.x0, 0], [this.x1, 0], "axis", g);
    if (this.x0 <= 0 && this.x1 >= 0) this.line([0, this.y0], [0, this.y1], "axis", g);
    this.clip.append(g);
    void every;
  }
  /** A horizontal label row of ticks along the bottom edge. */
  ticksX(values, digits = 1) {
    for (const v of values) this.text([v, this.y0], fmt(v, digits), "tick", 0, -2);
  }
}

/* ------------------------------------------------------------------ controls */

let uid = 0;
function nextId(prefix) { uid += 1; return `${prefix}-${uid}`; }

/** A labelled range slider with its value shown beside it. */
export function slider({ label, min, max, step, value, name, show = (v) => fmt(v, 3) }) {
  const id = nextId("w-range");
  const input = h("input", { type: "range", id, min, max, step, value, name });
  const out = h("output", { for: id, class: "wv" }, show(Number(value)));
  const el = h("label", { class: "wctl", for: id }, h("span", {}, label), input, out);
  input.addEventListener("input", () => { out.textContent = show(Number(input.value)); });
  return { el, input, get: () => Number(input.value), set: (v) => { input.value = v; out.textContent = show(Number(input.value)); } };
}

/** A labelled select. */
export function select({ label, options, value, name }) {
  const id = nextId("w-select");
  const input = h("select", { id, name }, options.map((o) => {
    const [v, t] = Array.isArray(o) ? o : [o, o];
    return h("option", { value: v, selected: v === value }, t);
  }));
  const el = h("label", { class: "wctl", for: id }, h("span", {}, label), input);
  return { el, input, get: () => input.value };
}

/** A small number box. */
export function numberBox({ label, value, step = 0.1, min = -10, max = 10, name }) {
  const input = h("input", { type: "number", value, step, min, max, name, "aria-label": label, inputmode: "decimal" });
  return { el: input, input, get: () => input.value.trim(), set: (v) => { input.value = v; } };
}

/** Four boxes for a 2x2 matrix [[a, b], [c, d]] laid out as the matrix. */
export function matrixBoxes(name, m, onChange) {
  const boxes = [];
  const grid = h("div", { class: "wmatrix", role: "group", "aria-label": `matrix ${name}` });
  ["a", "b", "c", "d"].forEach((k, i) => {
    const box = numberBox({ label: `${name} row ${1 + (i >> 1)} column ${1 + (i & 1)}`, value: m[i >> 1][i & 1], name: `${name}-${k}` });
    box.input.addEventListener("input", onChange);
    boxes.push(box);
    grid.append(box.el);
  });
  return {
    el: h("div", { class: "wmatrix-wrap" }, h("span", { class: "wmatrix-name" }, `${name} =`), grid),
    boxes,
    /** The entries as the API takes them: "a,b,c,d", empty boxes read as 0. */
    param: () => boxes.map((b) => (b.get() === "" ? "0" : b.get())).join(","),
    values: () => boxes.map((b) => Number(b.get() || 0)),
    set: (vals) => vals.forEach((v, i) => boxes[i].set(v)),
  };
}

/** A button. */
export function button(label, cls = "") {
  return h("button", { type: "button", class: "wbtn " + cls }, label);
}

/* ------------------------------------------------------------------ the API link */

/**
 * Keep a widget in step with /api/viz/<widget>: `update(params)` asks for the
 * figure after a short debounce, drops answers to stale requests, and calls
 * `draw(json)` with the newest one. Errors (422 with a message) show in `status`.
 */
export function live(widget, status, draw, delay = 40) {
  let timer = 0;
  let controller = null;
  let seq = 0;
  async function run(params) {
    const mine = ++seq;
    if (controller) controller.abort();
    controller = new AbortController();
    const q = new URLSearchParams(params).toString();
    try {
      const r = await fetch(`/api/viz/${widget}?${q}`, { signal: controller.signal, headers: { accept: "application/json" } });
      const data = await r.json();
      if (mine !== seq) return;
      if (!r.ok) { status.textContent = data.error || `error ${r.status}`; status.classList.add("werror"); return; }
      status.classList.remove("werror");
      status.textContent = "";
      draw(data);
    } catch (err) {
      if (err.name !== "AbortError" && mine === seq) {
        status.textContent = "The figure could not be fetched from rung's server.";
        status.classList.add("werror");
      }
    }
  }
  return {
    update(params, now = false) {
      window.clearTimeout(timer);
      if (now) return run(params);
      return new Promise((resolve) => { timer = window.setTimeout(() => resolve(run(params)), delay); });
    },
  };
}

/** The usual frame: controls row, drawing area, readout, status line. */
export function frame(root) {
  const controls = h("div", { class: "wcontrols" });
  const stage = h("div", { class: "wstage" });
  const readout = h("div", { class: "wreadout", "aria-live": "polite" });
  const status = h("p", { class: "wstatus", role: "status" });
  root.replaceChildren(controls, stage, readout, status);
  return { controls, stage, readout, status };
}

/** A definition-list style readout: [["det", "−2"], ...]. */
export function facts(pairs) {
  return h("dl", { class: "wfacts" }, pairs.flatMap(([k, v, cls]) => [h("dt", {}, k), h("dd", { class: cls || null }, v)]));
}

/** Mark the widget drawn (tests and screenshots wait for this). */
export function ready(root) {
  root.closest(".widget").dataset.ready = String(Number(root.closest(".widget").dataset.ready || 0) + 1);
}

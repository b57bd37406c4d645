/* Mounts every widget on the page: each <figure class="widget" data-widget=id>
   gets the module ./<id>.js, whose mount(root, options) draws into its
   .widget-mount. Loaded as a module file, never inline (the CSP forbids it). */
const KNOWN = new Set(["grid", "composition", "eigen", "svd", "projection", "derivative", "taylor",
  "descent", "clt", "bayes", "playground", "attention", "bpe"]);

for (const fig of document.querySelectorAll("figure.widget[data-widget]")) {
  const id = fig.dataset.widget;
  const root = fig.querySelector(".widget-mount");
  if (!KNOWN.has(id) || !root) continue;
  import(`./${id}.js`)
    .then((mod) => mod.mount(root, { lesson: fig.dataset.lesson || "" }))
    .catch((err) => {
      root.textContent = "This widget could not start: " + err.message;
      root.classList.add("werror");
    });
}

// Episode browser: filter the episodes, open one, replay it step by step.
// window.balrogReport exposes the state and the navigation functions for tests.
(function () {
  "use strict";
  const byId = (id) => document.getElementById(id);
  const index = JSON.parse(byId("episode-index").textContent);
  const runs = JSON.parse(byId("run-labels").textContent);
  const state = { visible: [], current: null, episode: null, step: 0, loads: 0 };
  const cache = new Map();

  function text(node, value) { node.textContent = value === null || value === undefined ? "" : String(value); }
  function option(select, value, label) {
    const element = document.createElement("option");
    element.value = value; element.textContent = label; select.appendChild(element);
  }
  function unique(values) { return Array.from(new Set(values)).sort(); }

  async function inflate(base64) {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return JSON.parse(await new Response(stream).text());
  }

  async function load(entry) {
    if (cache.has(entry.id)) return cache.get(entry.id);
    const node = byId("ep-" + entry.id);
    let data = { steps: [], instruction: "", total: 0, omitted: 0, error: null, images: {} };
    if (node) {
      const packed = JSON.parse(node.textContent);
      data = await inflate(packed.z);
      data.images = packed.img || {};
    }
    cache.set(entry.id, data);
    state.loads += 1;
    return data;
  }

  const filters = { run: byId("filter-run"), env: byId("filter-env"), task: byId("filter-task"), outcome: byId("filter-outcome") };
  function fillFilters() {
    option(filters.run, "", "all runs");
    runs.forEach((label, i) => option(filters.run, String(i), label));
    option(filters.env, "", "all envs");
    unique(index.map((e) => e.env)).forEach((v) => option(filters.env, v, v));
    fillTasks();
    option(filters.outcome, "", "all outcomes");
    ["success", "partial", "failure", "error"].forEach((v) => option(filters.outcome, v, v));
  }
  function fillTasks() {
    const env = filters.env.value;
    const keep = filters.task.value;
    filters.task.innerHTML = "";
    option(filters.task, "", "all tasks");
    const tasks = unique(index.filter((e) => !env || e.env === env).map((e) => e.env + "/" + e.task));
    tasks.forEach((v) => option(filters.task, v, v));
    filters.task.value = tasks.includes(keep) ? keep : "";
  }

  function applyFilters() {
    const run = filters.run.value, env = filters.env.value, task = filters.task.value, outcome = filters.outcome.value;
    state.visible = index.filter((e) =>
      (run === "" || String(e.run) === run) && (!env || e.env === env) &&
      (!task || e.env + "/" + e.task === task) && (!outcome || e.outcome === outcome));
    renderList();
    byId("episode-count").textContent = state.visible.length + " of " + index.length + " episodes";
  }

  function renderList() {
    const body = byId("episode-rows");
    body.innerHTML = "";
    state.visible.forEach((entry, position) => {
      const row = document.createElement("tr");
      row.dataset.id = entry.id;
      if (state.current && state.current.id === entry.id) row.className = "current";
      const cells = [runs.length > 1 ? runs[entry.run] : null, entry.env + "/" + entry.task + " #" + entry.index,
                     entry.progression.toFixed(1), entry.steps + " st"];
      cells.forEach((value) => { if (value === null) return; const td = document.createElement("td"); td.textContent = value; row.appendChild(td); });
      const badge = document.createElement("td");
      badge.innerHTML = '<span class="badge ' + entry.outcome + '">' + entry.outcome + "</span>";
      row.appendChild(badge);
      row.addEventListener("click", () => openEpisode(position));
      body.appendChild(row);
    });
  }

  async function openEpisode(position) {
    if (!state.visible.length) return null;
    position = Math.max(0, Math.min(position, state.visible.length - 1));
    const entry = state.visible[position];
    state.current = entry;
    state.episode = await load(entry);
    state.step = 0;
    document.querySelectorAll("#episode-rows tr").forEach((row) => row.classList.toggle("current", row.dataset.id === entry.id));
    const row = document.querySelector('#episode-rows tr[data-id="' + entry.id + '"]');
    const list = byId("episode-list");
    if (row) {  // scroll the list, never the page
      const top = row.offsetTop, bottom = top + row.offsetHeight;
      if (top < list.scrollTop) list.scrollTop = top;
      else if (bottom > list.scrollTop + list.clientHeight) list.scrollTop = bottom - list.clientHeight;
    }
    text(byId("episode-title"), (runs.length > 1 ? runs[entry.run] + " · " : "") + entry.env + " / " + entry.task + " #" + entry.index);
    text(byId("episode-meta"), "seed " + entry.seed + " · " + entry.steps + " steps · progression " + entry.progression.toFixed(1) +
      " · return " + entry.return + " · invalid outputs " + entry.invalid + " · " + entry.outcome);
    text(byId("instruction"), state.episode.instruction);
    const error = byId("episode-error");
    error.hidden = !state.episode.error;
    text(byId("episode-error-text"), state.episode.error);
    const gap = byId("omitted");
    gap.hidden = !state.episode.omitted;
    text(gap, state.episode.omitted ? state.episode.omitted + " of " + state.episode.total + " steps left out of this page (first and last steps kept)" : "");
    byId("step-slider").max = Math.max(0, state.episode.steps.length - 1);
    byId("replay").hidden = false;
    showStep(0);
    return entry.id;
  }

  function showStep(position) {
    const steps = state.episode ? state.episode.steps : [];
    if (!steps.length) { text(byId("step-number"), "no steps"); return; }
    position = Math.max(0, Math.min(position, steps.length - 1));
    state.step = position;
    const step = steps[position];
    text(byId("step-number"), "step " + (step.n + 1) + " / " + state.episode.total);
    byId("step-slider").value = position;
    text(byId("observation"), step.o);
    text(byId("output"), step.out);
    const reasoning = byId("reasoning-field");
    reasoning.hidden = !step.rs;
    text(byId("reasoning"), step.rs || "");
    const feedback = byId("feedback-field");
    feedback.hidden = !step.fb;
    text(byId("feedback"), step.fb || "");
    const action = byId("action");
    text(action, step.a + (step.inv ? "  (no valid action in the output: default played)" : ""));
    action.className = step.inv ? "invalid" : "";
    text(byId("parsed"), step.rule ? "parsed by rule: " + step.rule : "");
    text(byId("reward"), step.r);
    text(byId("progression"), step.p);
    const image = byId("step-image");
    const imageId = state.episode.images[String(step.n)];
    const picture = imageId ? byId("img-" + imageId) : null;
    image.innerHTML = "";
    if (picture) {
      const element = document.createElement("img");
      element.alt = "observation image, step " + (step.n + 1);
      element.src = "data:image/png;base64," + picture.textContent;
      image.appendChild(element);
    } else if (step.im) {
      text(image, "(this step's image is not embedded in the page)");
    }
    byId("image-field").hidden = !step.im;
    const previous = steps[position - 1];
    byId("step-gap").hidden = !(previous && step.n !== previous.n + 1);
    if (history.replaceState) history.replaceState(null, "", "#" + state.current.id + "/" + (step.n + 1));
  }

  // A link such as report.html#e12/5 opens episode e12 at step 5.
  async function openFromHash() {
    const match = /^#(e\d+)(?:\/(\d+))?$/.exec(location.hash);
    const position = match ? state.visible.findIndex((e) => e.id === match[1]) : -1;
    if (position < 0) return openEpisode(0);
    const id = await openEpisode(position);
    const wanted = match[2] ? Number(match[2]) - 1 : 0;
    const found = state.episode.steps.findIndex((step) => step.n >= wanted);
    showStep(found < 0 ? Infinity : found);
    return id;
  }

  function nextStep() { showStep(state.step + 1); return state.step; }
  function prevStep() { showStep(state.step - 1); return state.step; }
  function currentPosition() { return state.current ? state.visible.findIndex((e) => e.id === state.current.id) : -1; }
  function nextEpisode() { return openEpisode(currentPosition() + 1); }
  function prevEpisode() { return openEpisode(Math.max(0, currentPosition() - 1)); }

  document.addEventListener("keydown", (event) => {
    const tag = event.target && event.target.tagName;
    if (tag === "SELECT" || tag === "INPUT" || tag === "TEXTAREA" || event.altKey || event.ctrlKey || event.metaKey) return;
    const actions = { ArrowRight: nextStep, ArrowLeft: prevStep, ArrowDown: nextEpisode, ArrowUp: prevEpisode,
                      Home: () => showStep(0), End: () => showStep(Infinity) };
    if (!actions[event.key] || !state.episode) return;
    event.preventDefault();
    actions[event.key]();
  });

  Object.values(filters).forEach((select) => select.addEventListener("change", () => {
    if (select === filters.env) fillTasks();
    applyFilters();
    if (state.visible.length) { openEpisode(0); return; }
    state.current = null; state.episode = null;
    byId("replay").hidden = true;
  }));
  byId("button-first").addEventListener("click", () => showStep(0));
  byId("button-prev").addEventListener("click", prevStep);
  byId("button-next").addEventListener("click", nextStep);
  byId("button-last").addEventListener("click", () => showStep(Infinity));
  byId("step-slider").addEventListener("input", (event) => showStep(Number(event.target.value)));

  fillFilters();
  applyFilters();
  const ready = state.visible.length ? openFromHash() : Promise.resolve(null);
  window.balrogReport = { state, index, runs, openEpisode, showStep, nextStep, prevStep, nextEpisode, prevEpisode, applyFilters, filters, ready };
})();

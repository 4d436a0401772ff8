// ▶ played in the browser (ui/play.py, a sweep with ``in_browser``): the section's charts hold every frame and
// filter on a Vega-Lite parameter; this button steps that parameter on a timer, with no server run per frame. ⏸,
// or the last frame, reports the frame reached to the server, which puts it into the control (and so into the
// slider and the link).
//
// data: {name, param, control, frames, value, next, fps, label, unit, hint, prepare, play}. The parameter's inputs
// are the charts' hidden Vega bindings, ``input[name=<param>]``; while playing, the control's slider
// (``.st-key-<control>``) is held (``play-held``: greyed, its label says ▶ plays it) and the charts' text
// alternative says they play. A sweep that ``prepare``s holds one frame in its charts until ▶: the button then
// sends ``start`` (the frame to start from), the server draws the charts of every frame and calls this again with
// ``play: {from, token, charts}``, and a token not seen before starts the sweep there, once that many charts
// hold the parameter.
//
// A stacked sweep (``play.stack`` = its frame count: diagrams and formulas, which no parameter moves) is drawn at
// every frame, each in ``.st-key-play_frame_<name>_<v>`` inside ``.st-key-play_stack_<name>``: stepping shows the
// frame's part of the stack and hides the others (``visibility``, so every frame keeps its layout).
//
// Streamlit calls this function again whenever ``data`` changes (the section reran: the speed moved, τ moved)
// without calling the cleanup, which it calls only when the component leaves the page. So the sweep's state
// and timer live in ``runs``, one entry per sweep: each call stops the timer of the call before and, if the
// sweep was playing and the control's value is the same, plays on from the frame reached at the new speed. A
// changed value (another talk scene, a key on the slider) stops it without a report: the server's value wins.

const runs = new Map(); // sweep name -> {k, playing, timer, value}

const ICONS = {
  play: '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M8 5v14l11-7z"/></svg>',
  pause: '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 5h4v14H6zm8 0h4v14h-4z"/></svg>',
};

function charts(data) {
  const found = new Set();
  for (const input of document.querySelectorAll(`.vega-bindings input[name="${data.param}"]`)) {
    const chart = input.closest('[data-testid="stVegaLiteChart"]');
    if (chart) found.add(chart);
  }
  return [...found];
}

function sayPlaying(data, playing) {
  for (const chart of charts(data)) {
    if (playing && !chart.dataset.playAlt) {
      chart.dataset.playAlt = chart.getAttribute('aria-label') || '';
      chart.setAttribute('aria-label', 'Chart playing: pause to read its numbers.');
    } else if (!playing && chart.dataset.playAlt !== undefined) {
      chart.setAttribute('aria-label', chart.dataset.playAlt);
      delete chart.dataset.playAlt;
    }
  }
}

export default function (component) {
  const { parentElement, data, setTriggerValue } = component;
  const button = parentElement.querySelector('button');
  const now = parentElement.querySelector('.play-now');
  const strong = document.createElement('strong');
  const before = runs.get(data.name);
  if (before) clearInterval(before.timer);
  const token = data.play ? data.play.token : null;
  let run;
  if (before && (before.playing || before.waiting) && before.value === data.value && before.token === token) {
    run = { ...before, timer: null }; // the section reran (the speed moved): play on
  } else if (token !== null && (!before || before.token !== token) && data.frames.includes(data.play.from)) {
    run = { k: data.frames.indexOf(data.play.from), playing: false, waiting: true, timer: null, value: data.value,
            token, asked: true };
  } else { // paused at the control's value (the frame before ``next``, so ▶ starts at ``next``)
    run = { k: data.frames.indexOf(data.next) - 1, playing: false, timer: null, value: data.value, token, asked: false };
    if (run.k < -1) run.k = data.frames.length - 1;
  }
  runs.set(data.name, run);

  const draw = (turned) => {
    const shown = run.moved ? data.frames[run.k] : data.value; // (the value, until ▶ has moved it)
    const at = data.frames.findIndex((f) => f >= shown);
    strong.textContent = `${data.label} = ${shown.toLocaleString('en-US')}${data.unit}`;
    now.replaceChildren(strong, ` · frame ${at < 0 ? data.frames.length : at + 1} of ${data.frames.length}`);
    if (!turned) return;
    button.innerHTML = run.asked ? `${ICONS.play}Preparing…` : run.playing ? `${ICONS.pause}Pause` : `${ICONS.play}Play`;
    button.disabled = run.asked;
    button.classList.toggle('on', run.playing);
    for (const el of document.querySelectorAll(`.st-key-${data.control}`)) el.classList.toggle('play-held', run.playing);
    sayPlaying(data, run.playing);
  };
  const show = (value) => {
    for (const part of document.querySelectorAll(`.st-key-play_stack_${data.name} > *`)) {
      const shown = part.querySelector(`:scope > .st-key-play_frame_${data.name}_${value}`) !== null;
      part.style.visibility = shown ? 'visible' : 'hidden';
    }
  };
  const push = () => {
    if (data.play && data.play.stack) show(data.frames[run.k]);
    for (const input of document.querySelectorAll(`.vega-bindings input[name="${data.param}"]`)) {
      if (Number(input.value) !== data.frames[run.k]) {
        input.value = data.frames[run.k];
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }
    }
  };
  const stop = () => {
    clearInterval(run.timer);
    run.timer = null;
    run.playing = false;
    draw(true);
    setTriggerValue('stopped', data.frames[run.k]);
  };
  const tick = () => {
    if (run.k + 1 >= data.frames.length) { stop(); return; }
    run.k += 1;
    draw(false);
    push();
    sayPlaying(data, true); // the charts of every frame may have come after ▶
  };
  const start = () => {
    run.playing = true;
    run.waiting = false;
    run.asked = false;
    run.moved = true;
    run.timer = setInterval(tick, 1000 / data.fps);
    draw(true);
    push();
  };

  button.title = data.hint;
  // Space on the focused button plays or pauses, as on any button: it does not also reach the talk's
  // "Space: next scene" shortcut
  button.onkeydown = (event) => { if (event.key === ' ') event.stopPropagation(); };
  button.onclick = () => {
    if (run.playing) { stop(); return; }
    if (run.asked) return;
    if (run.k + 1 >= data.frames.length) run.k = -1; // at the end: from the first frame
    if (data.prepare) { // the server draws the charts of every frame first, then calls this again to play
      run.asked = true;
      draw(true);
      setTriggerValue('start', data.frames[run.k + 1]);
      return;
    }
    run.k += 1;
    start();
  };
  // a prepared sweep plays once its charts of every frame are drawn (``play.charts`` of them hold the
  // parameter's input), at most 10 s after the server sent them: the first frames are not played unseen
  // (a stacked one once every frame's part is there, its diagrams laid out: the browser lays them out after the
  // run, and a timer that fires during that work fires late)
  const stacked = () => {
    const parts = document.querySelectorAll(`.st-key-play_stack_${data.name} > *`);
    const diagrams = [...document.querySelectorAll(`.st-key-play_stack_${data.name} [data-testid="stGraphVizChart"]`)];
    return parts.length >= data.play.stack && diagrams.every((diagram) => diagram.querySelector('svg') !== null);
  };
  const ready = () => document.querySelectorAll(`.vega-bindings input[name="${data.param}"]`).length
    >= (data.play ? data.play.charts : 0) && (!data.play || !data.play.stack || stacked());
  const begin = () => {
    if (ready()) { start(); return; }
    draw(true);
    const until = performance.now() + 10000;
    run.timer = setInterval(() => {
      if (!ready() && performance.now() < until) return;
      clearInterval(run.timer);
      start();
    }, 50);
  };
  if (run.playing) start(); else if (run.waiting) begin(); else draw(true);
  return () => { // the component leaves the page: the sweep stops there, unreported
    clearInterval(run.timer);
    run.playing = false;
  };
}

// ▶ played in the browser (ui/play.py, a sweep with ``in_browser``): the section's charts hold every frame and
// filter on a Vega-Lite parameter; this button steps that parameter on a timer, with no server round trip per
// frame. ⏸, or the last frame, reports the frame reached to the server, which puts it into the control (and so
// into the slider and the link).
//
// data: {name, param, control, frames, value, fps, label, unit, hint}. The parameter's inputs are the charts'
// hidden Vega bindings, ``input[name=<param>]``; while playing, the control's slider (``.st-key-<control>``)
// is held: greyed, and its label says ▶ plays it (``play-held``, ui/play.py).

const runs = new Map(); // sweep name -> {k, playing, left}: survives the section's reruns while it plays
const RESUME_MS = 1500; // a rerun (the speed moved) redraws the button: a run left this recently plays on

const ICONS = {
  play: '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M8 5v14l11-7z"/></svg>',
  pause: '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 5h4v14H6zm8 0h4v14h-4z"/></svg>',
};

function frameText(data, k) {
  const value = data.frames[k].toLocaleString('en-US');
  return `<strong>${data.label} = ${value}${data.unit}</strong> · frame ${k + 1} of ${data.frames.length}`;
}

export default function (component) {
  const { parentElement, data, setTriggerValue } = component;
  const button = parentElement.querySelector('button');
  const now = parentElement.querySelector('.play-now');
  const at = data.frames.indexOf(data.value);
  const left = runs.get(data.name);
  const run = left && left.playing && performance.now() - left.left < RESUME_MS
    ? { ...left }
    : { k: at < 0 ? data.frames.length - 1 : at, playing: false };
  runs.set(data.name, run);
  let timer = null;

  const draw = () => {
    now.innerHTML = frameText(data, run.k);
    button.innerHTML = (run.playing ? ICONS.pause : ICONS.play) + (run.playing ? 'Pause' : 'Play');
    button.classList.toggle('on', run.playing);
    for (const el of document.querySelectorAll(`.st-key-${data.control}`)) el.classList.toggle('play-held', run.playing);
  };
  const push = () => {
    for (const input of document.querySelectorAll(`.vega-bindings input[name="${data.param}"]`)) {
      if (Number(input.value) !== data.frames[run.k]) {
        input.value = data.frames[run.k];
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }
    }
  };
  const stop = () => {
    clearInterval(timer);
    timer = null;
    run.playing = false;
    draw();
    setTriggerValue('stopped', data.frames[run.k]);
  };
  const tick = () => {
    if (run.k + 1 >= data.frames.length) { stop(); return; }
    run.k += 1;
    draw();
    push();
  };
  const start = () => {
    run.playing = true;
    timer = setInterval(tick, 1000 / data.fps);
    draw();
    push();
  };

  button.title = data.hint;
  // Space on the focused button plays or pauses, as on any button: it does not also reach the talk's
  // "Space: next scene" shortcut
  button.onkeydown = (event) => { if (event.key === ' ') event.stopPropagation(); };
  button.onclick = () => {
    if (run.playing) { stop(); return; }
    if (run.k + 1 >= data.frames.length) run.k = -1; // at the end: from the first frame
    run.k += 1;
    start();
  };
  if (run.playing) start(); else draw();
  return () => {
    clearInterval(timer);
    run.left = performance.now();
  };
}

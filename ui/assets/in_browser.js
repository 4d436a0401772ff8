// A control answered in the browser (ui/in_browser.py): the slider ``.st-key-<key>`` starts no run; this follows
// it. On every move it writes the value into the body's attribute ``data.attribute`` (the CSS of the section's
// text frames shows that value's frame) and into the charts' hidden inputs ``input[name=<data.param>]`` (their
// Vega-Lite parameter filters on it).
//
// data: {key, value, decimals, param, attribute, link}: ``value`` is the one the server drew the section at, written
// with ``decimals`` as every value is named (a float slider's 0.30000000000000004 is "0.3"). Opening the
// view link's popover (the button whose text is ``link``) while the browser shows another value sends the
// trigger ``sync``: the server reruns the section and the link, which then reads the value shown.
//
// Streamlit calls this function again at every run of the section (``data.value`` may change: a talk's scene,
// another control's run that read the slider's new value) without the cleanup; the listeners are added once a
// slider element (``wired``) and once a page (``linkWatch``), and read the latest call's data from ``calls``.

const calls = new Map(); // control key -> {data, setTriggerValue} of the latest call
const wired = new WeakSet(); // slider inputs listened to
let linkWatch = false;

function slider(key) {
  return document.querySelector(`.st-key-${key} input[type="range"]`);
}

function named(call, input) {
  return Number(input.value).toFixed(call.data.decimals);
}

function show(key) {
  const call = calls.get(key);
  const input = slider(key);
  if (!call || !input) return;
  const value = named(call, input);
  document.body.setAttribute(call.data.attribute, value);
  for (const bound of document.querySelectorAll(`.vega-bindings input[name="${call.data.param}"]`)) {
    if (bound.value !== value) {
      bound.value = value;
      bound.dispatchEvent(new Event('input', { bubbles: true }));
    }
  }
}

function syncOnLink(event) {
  const button = event.target instanceof Element ? event.target.closest('[data-testid="stPopover"] button') : null;
  if (!button) return;
  for (const [key, call] of calls) {
    const input = slider(key);
    if (input && button.textContent.includes(call.data.link) && named(call, input) !== call.data.value) {
      call.setTriggerValue('sync', Number(input.value));
    }
  }
}

export default function (component) {
  const { data, setTriggerValue } = component;
  calls.set(data.key, { data, setTriggerValue });
  const input = slider(data.key);
  if (input && !wired.has(input)) {
    wired.add(input);
    const follow = () => show(data.key);
    input.addEventListener('input', follow);
    // a value set by the server (a talk's scene, a link) comes as a new value attribute, without an input event
    new MutationObserver(follow).observe(input, { attributes: true, attributeFilter: ['value', 'aria-valuenow'] });
  }
  if (!linkWatch) {
    linkWatch = true;
    document.addEventListener('click', syncOnLink, true);
  }
  show(data.key);
}

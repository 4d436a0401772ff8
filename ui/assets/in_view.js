// Which sections of the page are in view (ui/in_view.py): the page's main control (the curse page's D) redraws
// those at once, a section drawn at an older value is redrawn when it comes into view, and a section a fresh
// page left for later (its header alone) is drawn as it comes near, or when the page has been idle a while.
//
// data: {sections, stale, later, track, opened, fill_ms}: the page's section names, each drawn in
// ``.st-key-in_view_<name>``; the stale ones (drawn at another value of the control) get the class
// ``in-view-stale`` (faded) until a call says otherwise; ``later``, the sections not drawn yet; ``track``, whether
// the page has a main control (which redraws what is in view); ``opened``, which opening of the page this is.
//
// The state value ``seen`` is {names, opened}: the names of the sections in the viewport or within
// ``MARGIN_PX`` below it (one that has scrolled out above waits until the reader scrolls back to it), then of
// those left for later near it (a screen below, ``NEAR_MARGIN`` above), each in the page's order: the server
// draws them in this order, the reader's first. Sent when that list changes and the page has stopped scrolling
// for ``SETTLE_MS`` (a scroll through the page sends one message, not one a section); the names are written
// into ``document.body.dataset.inView``. The state value ``fill`` is {names, opened[, at]}: once
// the page has been still for ``fill_ms`` after that (no scroll, no new data), a section left for later (as
// the server said, or as the page still shows it: a header alone), one in view first, then one near it, else
// the first, so a reader who never scrolls (a keyboard, a screen reader) still gets the whole page, a section
// at a time. A page that never goes still (sections resized as the browser draws them, a reader scrolling on)
// fills anyway ``FILL_DEADLINE`` waits after this call: each fill is a new call, so one section per deadline.
// The sections' elements are looked up again every ``RESCAN_MS``: a full run may draw a section's box anew.
//
// Streamlit calls this function again whenever ``data`` changes, without the cleanup it calls only when the
// component leaves the page: the watcher lives in ``watch`` and each call replaces it. Nothing is said while
// the reader is leaving the page (``leaving``).

const MARGIN_PX = 200; // a section about to scroll in from below counts as seen, so it is redrawn before it shows
const NEAR_MARGIN = '200px 0px 100% 0px'; // a section left for later is drawn a screen before it shows
const SETTLE_MS = 150;
const RESCAN_MS = 500;
const FILL_DEADLINE = 4; // a page never still fills after this many of its waits (the still wait, and the report's)

let watch = null;
const sent = new Map(); // an opening of a page -> the set last said (a call with new ``data`` does not say it again)

// Leaving the page (a link to another page clicked, the browser's back): the page being left says nothing more
// for ``LEAVE_MS``. A message sent then carries the old page, and Streamlit folds it and the page switch into
// one run of the page being left, which leaves the new one blank.
const LEAVE_MS = 5000;
let shown = null; // the page (``page`` below) of the last call
let left = { page: null, at: 0 }; // the page the reader is leaving, and when they left it
const leave = () => { left = { page: shown, at: Date.now() }; };
document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
  if (!link || link.target === '_blank' || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) {
    return; // not a link, or one opened in another tab
  }
  const url = new URL(link.href, window.location.href);
  if (url.origin === window.location.origin && url.pathname !== window.location.pathname) leave();
}, true);
window.addEventListener('popstate', leave);
const leaving = (page) => page === left.page && Date.now() - left.at < LEAVE_MS;

// A run the reader asked for (a click, a key): the watcher says nothing until it has come and gone. Every message
// carries the value each control shows in the browser, and a control a callback moved on the server (Next moves
// the time step) still shows its old value there until that run's answer arrives: a message sent between the two
// would set it back, and the click would be lost. Streamlit's own state says ``notRunning`` from the click until
// the server answers, so the watcher waits after an input that may ask for a run (a press on a control, a key
// typed into one or bound to a button: ``asks``) until a run has started and ended (at most ``ASKED_MS``, for an
// input that asked for none), and for ``QUIET_MS`` after any run, which a queued one may follow at once. A key
// that only scrolls the page, or a click on its text, does not hold the watcher back.
const ASKED_MS = 2000;
const QUIET_MS = 150;
const POLL_MS = 100;
const CONTROL = 'button, input, select, textarea, label, a, [role="slider"], [role="button"], [role="option"], '
  + '[role="checkbox"], [role="radio"], [role="switch"], [role="tab"], [role="combobox"], [contenteditable="true"]';
const KEY_NAMES = { ' ': 'Space', ArrowRight: '→', ArrowLeft: '←', ArrowUp: '↑', ArrowDown: '↓' };
const runState = () => document.querySelector('[data-testid="stApp"]')?.dataset.testScriptState;
const runs = { input: 0, started: 0, ended: 0 }; // when the reader last gave an input, a run last started, ended
const onControl = (event) => event.target instanceof Element && event.target.closest(CONTROL) !== null;
const bound = (key) => [...document.querySelectorAll('kbd[aria-label^="Shortcut "]')]
  .some((kbd) => kbd.getAttribute('aria-label') === `Shortcut ${KEY_NAMES[key] ?? key}`);
const asks = (event) => onControl(event)
  || (event.type === 'keydown' && (event.ctrlKey || event.metaKey || event.altKey || bound(event.key)));
const onInput = (event) => { if (asks(event)) runs.input = Date.now(); };
document.addEventListener('pointerdown', onInput, true);
document.addEventListener('keydown', onInput, true);
new MutationObserver(() => {
  if (runState() === 'notRunning') runs.ended = Date.now();
  else runs.started = Date.now();
}).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-test-script-state'] });
const busy = () => {
  const now = Date.now();
  return runState() !== 'notRunning' || now - runs.ended < QUIET_MS
    || (runs.input >= runs.started && now - runs.input < ASKED_MS);
};

// The element the page scrolls in (Streamlit's main area), the observers' root: a margin around the viewport
// would be clipped by it, so a section just below its edge would not count as near.
function scroller() {
  const main = document.querySelector('[data-testid="stMain"]');
  return main && /(auto|scroll)/.test(getComputedStyle(main).overflowY) ? main : null;
}

function stop() {
  if (!watch) return;
  for (const observer of watch.observers) observer.disconnect();
  clearInterval(watch.rescan);
  clearTimeout(watch.pending);
  clearTimeout(watch.filling);
  watch = null;
}

export default function (component) {
  const { data } = component;
  stop();
  const inView = new Set();
  const near = new Set();
  const boxes = new Map(); // element -> section name
  const stale = new Set(data.stale || []);
  const later = new Set(data.later || []);
  const opened = data.opened || 0;
  const page = `${data.sections.join(',')}#${opened}`;
  shown = page;
  // the reader's sections first: those in view, then those near them, then the rest; each group in the page's order
  const rank = (name) => data.sections.indexOf(name)
    + data.sections.length * (inView.has(name) ? 0 : near.has(name) ? 1 : 2);
  const readersFirst = (names) => [...names].sort((a, b) => rank(a) - rank(b));
  const report = () => {
    if (busy()) {
      watch.pending = setTimeout(report, POLL_MS);
      return;
    }
    const now = readersFirst(new Set([...inView, ...[...near].filter((name) => later.has(name))]));
    const text = now.join(',');
    document.body.dataset.inView = text; // what is in view now, for the browser tests
    // said only when the server uses it (a page's main control redraws what is in view, or sections wait):
    // each message reruns the watcher's fragment, which a key pressed at that moment would wait for
    if (text !== sent.get(page) && (data.track || later.size) && !leaving(page)) {
      sent.set(page, text);
      component.setStateValue('seen', { names: now, opened });
    }
  };
  // Left for later: as the server last said, or as the page still shows it once no run is under way. Streamlit
  // clears a header box drawn over when the run that drew its section whole ends; a run cut short by the next
  // message (one the watcher sent as it drew) never ends, and leaves the box, its room and its note for good.
  const left = () => data.sections.filter((name) => later.has(name)
    || (runState() === 'notRunning' && document.querySelector(`.st-key-in_view_later_${name}`)));
  // Asked once a call. A section the server still lists is asked as {names, opened}: the same message again
  // changes nothing, while the run that draws it is under way. One it does not list is asked with the time, a
  // new message: drawn again, by a run that ends, it loses the box.
  const asked = new Set();
  const fill = () => {
    if (busy()) {
      watch.filling = setTimeout(fill, POLL_MS);
      return;
    }
    // the reader's section first, else the top-most: a fill that falls due as the reader scrolls (its deadline
    // passed on a slow machine) draws where they went, not the sections above it
    const [next] = readersFirst(left().filter((name) => !asked.has(name)));
    if (next === undefined || leaving(page)) return;
    asked.add(next);
    const said = later.has(next) ? { names: [next], opened } : { names: [next], opened, at: Date.now() };
    component.setStateValue('fill', said);
  };
  const stir = () => { // the page moved: say what is in view once it stops, fill only after a still while
    clearTimeout(watch.pending);
    watch.pending = setTimeout(report, SETTLE_MS);
    clearTimeout(watch.filling);
    if (!left().some((name) => !asked.has(name))) return;
    const wait = SETTLE_MS + (data.fill_ms ?? 1500); // after the report
    watch.due ??= Date.now() + FILL_DEADLINE * wait;
    watch.filling = setTimeout(fill, Math.max(0, Math.min(wait, watch.due - Date.now())));
  };
  const root = scroller();
  const observer = (set, rootMargin) => new IntersectionObserver((entries) => {
    for (const entry of entries) {
      const name = boxes.get(entry.target);
      if (name === undefined) continue;
      if (entry.isIntersecting) set.add(name);
      else set.delete(name);
    }
    stir();
  }, { root, rootMargin });
  const observers = [observer(inView, `0px 0px ${MARGIN_PX}px 0px`), observer(near, NEAR_MARGIN)];
  const scan = () => {
    for (const name of data.sections) {
      const box = document.querySelector(`.st-key-in_view_${name}`);
      if (box) box.classList.toggle('in-view-stale', stale.has(name));
      if (box && !boxes.has(box)) {
        for (const [old, oldName] of boxes) {
          if (oldName === name) {
            for (const o of observers) o.unobserve(old);
            boxes.delete(old);
          }
        }
        boxes.set(box, name);
        for (const o of observers) o.observe(box);
      }
    }
  };
  watch = { observers, rescan: setInterval(scan, RESCAN_MS), pending: null, filling: null, due: null };
  scan();
  stir();
  return () => {
    stop();
    sent.delete(page);
  };
}

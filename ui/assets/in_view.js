// Which sections of the page are in view (ui/in_view.py): the page's main control (the curse page's D) redraws
// those at once, and a section drawn at an older value is redrawn when it comes into view.
//
// data: {sections: [name, ...], stale: [name, ...]}, each section drawn in ``.st-key-in_view_<name>``; the stale
// ones (drawn at another value of the control) get the class ``in-view-stale`` (faded) until a call says
// otherwise. The state value ``seen`` is the sorted names of the sections within ``MARGIN_PX`` of the viewport,
// sent when that set changes and the page has stopped scrolling for ``SETTLE_MS`` (a scroll through the page
// sends one message, not one a section), and written into ``document.body.dataset.inView``.
// The sections' elements are looked up again every ``RESCAN_MS``: a full run may draw a section's box anew.
//
// Streamlit calls this function again whenever ``data`` changes, without the cleanup it calls only when the
// component leaves the page: the watcher lives in ``watch`` and each call replaces it.

const MARGIN_PX = 200; // a section about to scroll in counts as seen, so it is redrawn before it shows
const SETTLE_MS = 150;
const RESCAN_MS = 500;

let watch = null;
const sent = new Map(); // page's sections -> the set last said (a call with new ``data`` does not say it again)

function stop() {
  if (!watch) return;
  watch.observer.disconnect();
  clearInterval(watch.rescan);
  clearTimeout(watch.pending);
  watch = null;
}

export default function (component) {
  const { data, setStateValue } = component;
  stop();
  const seen = new Set();
  const boxes = new Map(); // element -> section name
  const stale = new Set(data.stale || []);
  const page = data.sections.join(',');
  const report = () => {
    const now = [...seen].sort();
    const text = now.join(',');
    if (text !== sent.get(page)) {
      sent.set(page, text);
      document.body.dataset.inView = text; // what was last said, for the browser tests
      setStateValue('seen', now);
    }
  };
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      const name = boxes.get(entry.target);
      if (name === undefined) continue;
      if (entry.isIntersecting) seen.add(name);
      else seen.delete(name);
    }
    clearTimeout(watch.pending);
    watch.pending = setTimeout(report, SETTLE_MS);
  }, { rootMargin: `${MARGIN_PX}px 0px` });
  const scan = () => {
    for (const name of data.sections) {
      const box = document.querySelector(`.st-key-in_view_${name}`);
      if (box) box.classList.toggle('in-view-stale', stale.has(name));
      if (box && !boxes.has(box)) {
        for (const [old, oldName] of boxes) {
          if (oldName === name) {
            observer.unobserve(old);
            boxes.delete(old);
          }
        }
        boxes.set(box, name);
        observer.observe(box);
      }
    }
  };
  watch = { observer, rescan: setInterval(scan, RESCAN_MS), pending: null };
  scan();
  return stop;
}

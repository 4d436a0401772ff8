// The talk's scene draws itself again if it goes missing. Rarely (a few scenes in hundreds walked), when a key's
// run and the room's poll reach the server in the same millisecond, the browser keeps the new scene's bar but
// drops the scene box under it: the projector would show an empty screen until the next key. When the page has
// been idle for a second with the bar drawn and no scene box, this asks for one more run of the page (a hidden
// button whose run changes nothing), at most once a link in ten seconds: a scene that truly draws nothing never
// loops. `window.__talkRedraw` holds what it did (`asked`: the runs it asked for).
(() => {
  if (window.__talkRedraw) return; // one watch a tab: it stays across reruns and page switches
  const watch = window.__talkRedraw = { box: '.st-key-talk_scene', missingSince: null, last: new Map(), asked: 0 };
  const WAIT_MS = 1000;
  const AGAIN_MS = 10000;
  setInterval(() => {
    const app = document.querySelector('[data-testid="stApp"]');
    const idle = app && app.dataset.testScriptState === 'notRunning';
    const missing = idle && document.querySelector('.st-key-talk_bar') && !document.querySelector(watch.box);
    const now = performance.now();
    if (!missing) { watch.missingSince = null; return; }
    watch.missingSince ??= now;
    const link = location.href;
    if (now - watch.missingSince < WAIT_MS || now - (watch.last.get(link) ?? -AGAIN_MS) < AGAIN_MS) return;
    const button = document.querySelector('.st-key-talk_redraw button');
    if (!button) return;
    watch.last.set(link, now);
    watch.asked += 1;
    watch.missingSince = null;
    button.click();
  }, 250);
})();

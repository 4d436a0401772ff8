// A clicker's PageDown / PageUp turn the talk's scene even when a control holds the focus. A speaker who has just
// moved a slider leaves the focus on it; the slider takes PageDown for itself (it moves a tenth of its range,
// which changes the view and its link) and Streamlit's "PageDown: next" shortcut, which ignores keys typed into a
// control, never hears it. Here the key goes to the scene's Next / Back button instead, and the control loses
// the focus, so the next press finds none. Arrows, Home and End stay with the control: a keyboard user moving a
// slider expects them there, and clickers do not send them.
(() => {
  if (window.__talkClicker) return; // one listener a tab: it stays across reruns and page switches
  window.__talkClicker = true;
  const CONTROL = 'input, textarea, select, [role="slider"], [contenteditable="true"]';
  const BUTTON = { PageDown: '.st-key-talk_next button', PageUp: '.st-key-talk_back button' };
  window.addEventListener('keydown', (event) => {
    const selector = BUTTON[event.key];
    const focused = document.activeElement;
    if (!selector || event.altKey || event.ctrlKey || event.metaKey || !focused || !focused.matches(CONTROL)) return;
    const button = document.querySelector(selector);
    if (!button) return; // not on the talk page
    event.preventDefault();
    event.stopImmediatePropagation();
    focused.blur();
    if (!button.disabled) button.click();
  }, true);
})();

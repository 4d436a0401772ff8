// A chart on a canvas is painted in the fonts the page has loaded at that moment, and keeps them: on a slow
// line, a chart painted before the page's font (Source Sans) arrives would keep a fallback face, where an SVG
// chart changes face with the page. When a font of that family finishes loading, every canvas chart is made
// one pixel narrower for a moment, so Vega lays it out and paints it again, now in that face. Charts use no
// italic, so the italic face (it loads when a section's italic text first shows) repaints nothing.
// `window.__chartFonts.redrawn` counts the charts it redrew.
(() => {
  if (window.__chartFonts) return; // one watch a tab: it stays across reruns and page switches
  const watch = window.__chartFonts = { redrawn: 0 };
  const FAMILY = /source sans/i;
  const HOLD_MS = 250; // long enough for the chart to see the narrower width and draw at it
  const redraw = () => {
    const charts = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
      .filter((chart) => chart.querySelector('canvas'));
    const widths = charts.map((chart) => [chart.style.width, chart.getBoundingClientRect().width]);
    charts.forEach((chart, i) => { chart.style.width = `${widths[i][1] - 1}px`; });
    setTimeout(() => {
      charts.forEach((chart, i) => { chart.style.width = widths[i][0]; });
      watch.redrawn += charts.length;
    }, HOLD_MS);
  };
  document.fonts.addEventListener('loadingdone', (event) => {
    if (event.fontfaces.some((face) => FAMILY.test(face.family) && face.style !== 'italic')) redraw();
  });
})();

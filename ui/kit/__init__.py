"""What several pages share: chart shapes (charts), colours (colors), Graphviz DOT pieces (dot), charts that ▶
plays in the browser (played) and number formatting (numbers). Nothing here knows a page; no page package
imports another."""

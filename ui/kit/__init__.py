"""What several pages share: chart shapes (charts), colours (colors), Graphviz DOT pieces (dot), charts that ▶
plays in the browser (played), number formatting (numbers) and the scripts the browser runs (assets). Nothing
here knows a page; no page package imports another."""

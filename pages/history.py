"""A brief history of neural nets: booms and winters on a timeline, and the turning points, re-run."""

from ui.history.opening import INTRO, TITLE
from ui.opening import opening

top = opening(TITLE, INTRO)  # on screen before the imports below (Altair, pandas, numba: seconds when cold)

from ui.frame import page  # noqa: E402
from ui.history import sections, text  # noqa: E402

page("history", text, sections, top=top)

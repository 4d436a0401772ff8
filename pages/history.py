"""A brief history of neural nets: booms and winters on a timeline, and the turning points, re-run."""

from ui.frame import page
from ui.history import sections, text

page("history", text, sections)

"""The talk deck: the series as a talk, one scene per screen (``/talk?deck=full-series&scene=1``)."""

from ui.talk import scene

scene.show()

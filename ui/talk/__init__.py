"""The talk deck: a deck of scenes, each one section of a topic page, given one per screen."""

"""Local Alexa simulator: typed text in, the skill's spoken answer out."""

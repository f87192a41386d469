"""Lambda entry point named in template.yaml (Handler: app.handler): the skill is built once per container."""

from twitch_guide.skill import build_handler

handler = build_handler()

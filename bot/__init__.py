"""Concierge: a Discord bot that answers a fan server's questions about a film franchise."""

"""Renderers: rich renderables for the terminal, DOT and images for diagrams. They never print."""

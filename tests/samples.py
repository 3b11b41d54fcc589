"""Small hand-written maps shared by the tests."""

TEA = """
title: Tea
thesis: tea
themes: {h: Health}
claims:
  tea: {text: Drink tea., theme: h, source: {para: 3, quote: drink}}
  warm: Tea is warm.
  cheap: Tea is cheap.
  afford: We can afford it.
  stain: Tea stains teeth.
  brush: Brushing removes stains.
  paste: Toothpaste is cheap.
arguments:
  - {supports: tea, premises: [warm]}
  - {id: cost, supports: tea, premises: [cheap, afford]}
  - {id: stains, attacks: tea, premises: [stain]}
  - {id: brushing, attacks: stains, premises: [brush]}
  - {attacks: brushing, premises: [paste]}
  - {supports: afford, premises: [warm]}
"""

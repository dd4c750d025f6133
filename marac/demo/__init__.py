"""The demo MARAC: `data` generates the records (Django-free), `load` imports them through the
real importers. Not imported by the product."""

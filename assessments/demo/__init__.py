"""The demo strategic assessment: `tables` holds the published tables (Django-free), `load` imports
them through the real readers. Not imported by the product."""

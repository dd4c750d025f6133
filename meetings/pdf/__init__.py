"""The PDF code that stays hand-written (see README.md); the rest is pypdf and qpdf (pikepdf)."""

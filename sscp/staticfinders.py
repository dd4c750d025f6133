from pathlib import Path

import plotly
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage


class PlotlyFinder(BaseFinder):
    """Serves the plotly.js bundle shipped inside the plotly wheel as `plotly/plotly.min.js`.

    One pinned version for the Python figures and the browser, and no CDN; only this file is
    exposed, not the rest of the package's data.
    """

    static_path = "plotly/plotly.min.js"

    def __init__(self, *args, **kwargs):
        self.source = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
        self.storage = FileSystemStorage(location=str(self.source.parent))
        self.storage.prefix = "plotly"

    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False, **kwargs):
        if path == self.static_path:
            return [str(self.source)] if find_all else str(self.source)
        return []

    def list(self, ignore_patterns):
        yield self.source.name, self.storage

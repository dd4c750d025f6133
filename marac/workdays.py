"""Working days for MARAC timeliness (incident to referral to meeting, actions signed off within
10 working days): the shared calendar (sscp/workdays.py) and its vectorised form for columns.
"""

import numpy as np
import pandas as pd

from sscp.workdays import (  # noqa: F401 (re-exported for marac's modules)
    add_working_days,
    bank_holidays,
    busday_calendar,
    working_days,
)


def working_days_between(a: pd.Series, b: pd.Series) -> pd.Series:
    """Vectorised `working_days` over two date columns; NaN where either date is missing."""
    a = pd.to_datetime(pd.Series(a), errors="raise")
    b = pd.to_datetime(pd.Series(b), errors="raise").set_axis(a.index)
    known = a.notna() & b.notna()
    result = pd.Series(np.nan, index=a.index, dtype="float64")
    if not known.any():
        return result
    starts = a[known].to_numpy().astype("datetime64[D]")
    ends = b[known].to_numpy().astype("datetime64[D]")
    years = pd.DatetimeIndex(np.concatenate([starts, ends])).year
    calendar = busday_calendar(int(years.min()), int(years.max()))
    counts = np.busday_count(starts + 1, ends + 1, busdaycal=calendar)
    result[known] = np.clip(counts, 0, None)
    return result

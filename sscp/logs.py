"""Secrets kept out of logs: members' calendar addresses carry a secret token in their path.

``RedactSecretsFilter`` sits on the console handler (settings.LOGGING), so Django's own lines
("Not Found: /calendar/…") lose the token; ``GunicornLogger`` (gunicorn.conf.py) does the same
for gunicorn's access and error logs, whatever access-log format a deployer chooses.
"""

import logging
import re

from gunicorn.glogging import Logger

SECRET_PATH = re.compile(r"(/calendar/)[^/\s\"?]+?(?=\.ics\b|[/\s\"?]|$)")
REDACTED = r"\1[redacted]"


def redact(text: str) -> str:
    return SECRET_PATH.sub(REDACTED, text)


class RedactSecretsFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if SECRET_PATH.search(message):
            record.msg, record.args = redact(message), None
        # Django attaches the request to its records; formatters that print it see the path.
        request = getattr(record, "request", None)
        if request is not None and SECRET_PATH.search(getattr(request, "path", "") or ""):
            record.request = None
        return True


class GunicornLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {
            key: redact(value) if isinstance(value, str) else value for key, value in atoms.items()
        }

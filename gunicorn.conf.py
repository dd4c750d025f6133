"""Read by gunicorn from the directory it starts in: keeps calendar tokens out of its logs."""

logger_class = "sscp.logs.GunicornLogger"

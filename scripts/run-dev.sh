#!/bin/sh
# `make run`: the development web server and one task worker (`manage.py db_worker`), started
# together; Ctrl-C (or either of them stopping) stops both.
set -u
BIN=${BIN:-.venv/bin}
ADDRESS=${1:-127.0.0.1:8000}

"$BIN/python" manage.py db_worker --no-reload --interval 1 &
worker=$!
"$BIN/python" manage.py runserver "$ADDRESS" </dev/null &
web=$!

stop() {
    trap - EXIT INT TERM
    kill "$web" "$worker" 2>/dev/null
    wait
}
trap stop EXIT
trap 'exit 130' INT TERM

# Returns when the web server stops or a signal arrives; `stop` then ends both.
wait "$web"

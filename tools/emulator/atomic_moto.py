"""moto in server mode, applying one request at a time.

The stock moto_server serves each request on its own thread and holds no lock around
a DynamoDB operation, so two concurrent conditional writes can both pass their
condition. Real DynamoDB never allows that. This server wraps moto's WSGI application
in a lock (the response body is produced inside it), so every request is atomic and
concurrency tests exercise our code, not the emulator.

Usage: python atomic_moto.py [--host 127.0.0.1] [--port 0] [--exit-on-stdin-eof]
Prints "MOTO_READY <port>" on stdout once it accepts connections.
"""
import argparse
import os
import signal
import sys
import threading

from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import make_server


class QuietRequestHandler(MotoRequestHandler):
    def log_request(self, *args, **kwargs):
        pass


class OneRequestAtATime:
    def __init__(self, app):
        self._app = app
        self._lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self._lock:
            result = self._app(environ, start_response)
            try:
                body = b"".join(result)
            finally:
                close = getattr(result, "close", None)
                if close:
                    close()
        return [body]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--log-requests", action="store_true", help="log every request on stderr")
    parser.add_argument("--exit-on-stdin-eof", action="store_true",
                        help="stop when the parent process closes our stdin (or dies)")
    args = parser.parse_args()

    app = OneRequestAtATime(DomainDispatcherApplication(create_backend_app))
    server = make_server(args.host, args.port, app, threaded=True,
                         request_handler=MotoRequestHandler if args.log_requests else QuietRequestHandler)

    def stop(*_):
        # shutdown() must not run on the serving thread
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    if args.exit_on_stdin_eof:
        def watch_stdin():
            while sys.stdin.buffer.read(1024):
                pass
            os._exit(0)
        threading.Thread(target=watch_stdin, daemon=True).start()

    print(f"MOTO_READY {server.server_port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()

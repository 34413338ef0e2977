"""moto in server mode, applying one request at a time, with a stream that holds only commits.

The stock moto_server serves each request on its own thread and holds no lock around
a DynamoDB operation, so two concurrent conditional writes can both pass their
condition. Real DynamoDB never allows that. This server wraps moto's WSGI application
in a lock (the response body is produced inside it), so every request is atomic and
concurrency tests exercise our code, not the emulator.

moto applies a TransactWriteItems item by item and, when one is refused, restores a deep
copy of each table taken before: the copy's stream shard replaces the one readers hold
iterators on, so a reader sees the refused writes and then nothing for ever. DynamoDB never
streams a cancelled transaction. keep_stream_through_refused_transactions() makes the table
copies share the live shard and, on a refusal, removes the refused writes' records from it.

moto also keeps every shard iterator it ever issued, and each GetRecords issues one, so a reader
polling twice a second would grow the server for as long as it runs. expire_shard_iterators()
lets them expire as DynamoDB Streams does, 15 minutes after they were issued.

Usage: python atomic_moto.py [--host 127.0.0.1] [--port 0] [--exit-on-stdin-eof] [--shard-iterator-lifetime 900]
Prints "MOTO_READY <port>" on stdout once it accepts connections.
"""
import argparse
import os
import signal
import sys
import threading
import time

from moto.core.exceptions import JsonRESTError
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.table import StreamShard
from moto.dynamodbstreams.models import DynamoDBStreamsBackend, ShardIterator
from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import make_server


def keep_stream_through_refused_transactions():
    """A refused transaction leaves the stream as it was: same shard object, no records of it."""
    # a table's copy (moto's rollback backup) shares the live shard instead of copying its history
    StreamShard.__deepcopy__ = lambda self, memo: self
    transact_write_items = DynamoDBBackend.transact_write_items

    def transact_write_items_streaming_commits_only(self, transact_items):
        shards = {}
        for item in transact_items:
            _, operation = next(iter(item.items()))
            table = self.tables.get(operation.get("TableName"))
            if table is not None and table.stream_shard is not None:
                shards[table.name] = (table.stream_shard, len(table.stream_shard.items))
        try:
            return transact_write_items(self, transact_items)
        except Exception:
            for name, (shard, committed) in shards.items():
                del shard.items[committed:]
                restored = self.tables[name]
                restored.stream_shard = shard
                shard.table = restored
            raise

    DynamoDBBackend.transact_write_items = transact_write_items_streaming_commits_only


class ExpiredIteratorException(JsonRESTError):
    def __init__(self):
        super().__init__("ExpiredIteratorException",
                         "The shard iterator has expired (15 minutes after it was issued) or was never issued")


def expire_shard_iterators(lifetime_seconds):
    """GetRecords with an iterator older than the lifetime fails with ExpiredIteratorException; older ones are dropped."""
    create = ShardIterator.__init__

    def create_noting_when(self, *args, **kwargs):
        create(self, *args, **kwargs)
        self.issued_at = time.monotonic()

    ShardIterator.__init__ = create_noting_when
    get_records = DynamoDBStreamsBackend.get_records

    def get_records_with_live_iterators(self, iterator_arn, limit):
        oldest = time.monotonic() - lifetime_seconds
        for arn in [arn for arn, it in self.shard_iterators.items() if it.issued_at < oldest]:
            del self.shard_iterators[arn]
        if iterator_arn not in self.shard_iterators:
            raise ExpiredIteratorException()
        return get_records(self, iterator_arn, limit)

    DynamoDBStreamsBackend.get_records = get_records_with_live_iterators


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
    parser.add_argument("--shard-iterator-lifetime", type=float, default=15 * 60,
                        help="seconds a DynamoDB Streams shard iterator stays valid (DynamoDB: 15 minutes)")
    parser.add_argument("--exit-on-stdin-eof", action="store_true",
                        help="stop when the parent process closes our stdin (or dies)")
    args = parser.parse_args()

    keep_stream_through_refused_transactions()
    expire_shard_iterators(args.shard_iterator_lifetime)
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

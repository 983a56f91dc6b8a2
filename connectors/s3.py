"""S3 and S3-compatible object storage (AWS, MinIO, Ceph, moto): one container per object key.

I/O only; what an object's bytes mean (gzip, CSV, JSON, JSON Lines, Parquet, text, binary) is
:mod:`connectors.objectformats`. boto3 is imported when the first request is made, and the client
is created then: the constructor does no I/O. Credentials come from boto3's usual chain
(environment, profile, instance role), never from :class:`S3Settings`. With an ``endpoint_url``
requests use path-style addressing, which S3-compatible stores expect.

Versions and checkpoints: a container's ``version`` and a stream's final :class:`Checkpoint` are
the object's ETag (without quotes). ``stream(key, start=etag)`` with the current ETag yields only
that checkpoint: the object is unchanged. Every GET carries ``IfMatch`` with the ETag a HEAD just
gave, so a read never mixes two versions; an object replaced while being read gives a ScanIssue
``changed`` after the records read so far and no checkpoint (the next scan reads it again).
Parquet and ``sample`` read in ranged GETs (``sample``: 64 KiB, then doubling windows), so
``changed`` can happen between ranges; ``stream`` and ``read`` use one GET.

Errors (all messages name the source, the bucket or key, and the fix; never content):

    listing (containers) -- any failure -> SourceUnavailable
        NoSuchBucket, connection refused / unknown host / timeout, bad endpoint_url, no or
        refused credentials, AccessDenied on ListBucket
    one object (sample, stream, read)
        NoSuchBucket, connection or credential failure         -> SourceUnavailable
        403 AccessDenied, 404 NoSuchKey, archived, other codes -> ContainerUnavailable
        412 PreconditionFailed (IfMatch)                       -> ScanIssue "changed"
        (``read``: ContainerUnavailable, the record may have moved)
        over max_object_bytes (from HEAD, nothing downloaded)  -> ScanIssue "oversized"
        content problems                                       -> ScanIssues, see objectformats

A key ending in ``/`` with no bytes is a folder marker, not a container.
"""

from __future__ import annotations

import gzip
import io
import logging
from collections.abc import Callable, Generator, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, BinaryIO

from connectors.base import (
    Checkpoint,
    ConnectorBase,
    ContainerChanged,
    ContainerInfo,
    ContainerUnavailable,
    Record,
    ScanIssue,
    SourceUnavailable,
    StreamItem,
)
from connectors.objectformats import (
    CHUNK,
    SNIFF_BYTES,
    ObjectLimits,
    parse_object,
    sniff_format,
)
from connectors.rewrite import LineEdit, RewriteStats, rewrite_lines

__all__ = ["S3Connector", "S3Settings"]

logger = logging.getLogger(__name__)

_FIRST_WINDOW = 64 * 1024
_MAX_WINDOW = 8 * 1024 * 1024
_RANDOM_ACCESS_BUFFER = 256 * 1024
_CREDENTIAL_CODES = frozenset(
    {"InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken"}
)


@dataclass(frozen=True, slots=True)
class S3Settings:
    """Where the objects are and what reading one may cost. No credentials here, by design."""

    bucket: str
    prefix: str = ""
    endpoint_url: str | None = None  # MinIO, Ceph, a test server; None: AWS
    region: str | None = None
    max_object_bytes: int = 256 * 1024 * 1024  # larger objects: ScanIssue "oversized", unread
    max_line_bytes: int = 1_048_576  # per line, or per JSON value
    sample_lines: int = 200  # sample() yields at most this many records, whatever the limit
    page_size: int = 1000  # keys per ListObjectsV2 page (1000 is S3's maximum)
    max_decompressed_bytes: int = 4 * 1024**3  # gzip output per object
    max_issues_per_kind: int = 100  # per object; the rest are counted in one more issue
    connect_timeout: float = 10.0
    read_timeout: float = 60.0
    max_attempts: int = 3  # botocore "standard" retries, first attempt included

    def __post_init__(self) -> None:
        if not self.bucket or "/" in self.bucket:
            raise ValueError(f"S3Settings.bucket must be a bucket name, got {self.bucket!r}")
        for name in ("max_object_bytes", "max_line_bytes", "sample_lines", "page_size"):
            if getattr(self, name) < 1:
                raise ValueError(f"S3Settings.{name} must be at least 1")
        if self.max_attempts < 1:
            raise ValueError("S3Settings.max_attempts must be at least 1")

    @property
    def limits(self) -> ObjectLimits:
        return ObjectLimits(
            self.max_line_bytes, self.max_decompressed_bytes, self.max_issues_per_kind
        )


class _Changed(Exception):
    """GetObject's IfMatch failed: the object was replaced since its HEAD."""


class S3Connector(ConnectorBase):
    """A ``Connector`` over the objects of one bucket under a prefix."""

    def __init__(self, source: str, settings: S3Settings) -> None:
        self.source = source
        self.settings = settings
        self._s3: Any = None

    def containers(self) -> Iterator[ContainerInfo]:
        from botocore.exceptions import BotoCoreError, ClientError

        s = self.settings
        pages = (
            self._client()
            .get_paginator("list_objects_v2")
            .paginate(Bucket=s.bucket, Prefix=s.prefix, PaginationConfig={"PageSize": s.page_size})
        )
        try:
            for page in pages:
                logger.debug("%s: listed %d keys", self.source, page.get("KeyCount", 0))
                for obj in page.get("Contents", ()):
                    key, size = obj["Key"], obj["Size"]
                    if key.endswith("/") and size == 0:
                        continue
                    yield ContainerInfo(
                        key, "object", size_estimate=size, version=_etag(obj["ETag"])
                    )
        except (BotoCoreError, ClientError) as exc:
            raise self._source_error(exc) from exc

    def sample(self, container: str, limit: int) -> Iterator[Record | ScanIssue]:
        """The first ``min(limit, sample_lines)`` records, read in growing ranged GETs."""
        wanted = min(limit, self.settings.sample_lines)
        if wanted < 1:
            return
        records = 0
        items = self._items(container, None, windowed=True)
        try:
            for item in items:
                if isinstance(item, Checkpoint):
                    continue
                yield item
                if isinstance(item, Record):
                    records += 1
                    if records >= wanted:
                        return
        finally:
            items.close()

    def stream(self, container: str, start: str | None = None) -> Iterator[StreamItem]:
        """Every record; then ``Checkpoint(etag)``. ``start`` equal to the ETag: nothing new."""
        yield from self._items(container, start, windowed=False)

    def read(self, container: str, locator: Mapping[str, Any]) -> Record | None:
        """The record at ``{"line": N}`` (read from the object's start), or None."""
        line = locator.get("line")
        if not isinstance(line, int) or isinstance(line, bool) or line < 1 or len(locator) != 1:
            raise ValueError(f"S3 locators are {{'line': N}} with N >= 1; got keys {list(locator)}")
        items = self._items(container, None, windowed=False)
        try:
            for item in items:
                if isinstance(item, Record) and item.locator.get("line") == line:
                    return item
                if isinstance(item, ScanIssue) and item.kind == "changed":
                    message = f"{self.source}: object {container!r} changed while being read"
                    raise ContainerUnavailable(message + "; read it again")
        finally:
            items.close()
        return None

    def close(self) -> None:
        if self._s3 is not None:
            self._s3.close()
            self._s3 = None

    def rewrite(
        self, container: str, edits: Mapping[int, LineEdit], expected_version: str | None
    ) -> RewriteStats:
        """Rewrite the lines in ``edits`` of a text, CSV or JSON-lines object (gzip stays gzip)
        and put it back. Refused with :class:`ContainerChanged` when the ETag is not
        ``expected_version`` (the scan's) or changes before the put; a JSON document or Parquet
        object is not rewritten line by line (:class:`ContainerUnavailable`)."""
        from botocore.exceptions import BotoCoreError, ClientError

        etag, size = self._head(container)
        where = f"{self.source}: object {container!r}"
        if expected_version is not None and etag != expected_version:
            raise ContainerChanged(f"{where} changed since it was scanned; rescan, then erase")
        if size > self.settings.max_object_bytes:
            raise ContainerUnavailable(f"{where} is over max_object_bytes; not rewritten")
        try:
            body = self._get(container, etag)
            try:
                data = bytes(body.read())
            finally:
                body.close()
        except _Changed:
            raise ContainerChanged(f"{where} was replaced while being read") from None
        except (BotoCoreError, ClientError) as exc:
            raise self._object_error(exc, container) from exc
        packed = data.startswith(b"\x1f\x8b")
        content = gzip.decompress(data) if packed else data
        name = container.lower().removesuffix(".gz").removesuffix(".gzip")
        fmt, _ = sniff_format(name, content[:SNIFF_BYTES])
        if content.startswith(b"PAR1") or fmt == "json":
            raise ContainerUnavailable(
                f"{where}: a JSON document or Parquet object is not rewritten line by line"
            )
        sink = io.BytesIO()
        stats = rewrite_lines(
            io.BytesIO(content), sink, edits, "utf-8", self.settings.max_line_bytes
        )
        if not stats.changed:
            return stats
        out = gzip.compress(sink.getvalue()) if packed else sink.getvalue()
        if self._head(container)[0] != etag:
            raise ContainerChanged(f"{where} was replaced during the rewrite; nothing written")
        try:
            answer = self._client().put_object(Bucket=self.settings.bucket, Key=container, Body=out)
            stats.version = _etag(answer["ETag"])
        except (BotoCoreError, ClientError) as exc:
            code, status = _error_code(exc)
            if code == "AccessDenied" or status == 403:
                raise ContainerUnavailable(f"{where}: access denied (needs s3:PutObject)") from exc
            raise self._object_error(exc, container) from exc
        return stats

    def _client(self) -> Any:
        if self._s3 is not None:
            return self._s3
        import boto3
        from botocore.config import Config
        from botocore.exceptions import BotoCoreError

        s = self.settings
        config = Config(
            connect_timeout=s.connect_timeout,
            read_timeout=s.read_timeout,
            retries={"max_attempts": s.max_attempts, "mode": "standard"},
            s3={"addressing_style": "path"} if s.endpoint_url else None,
        )
        try:
            session = boto3.session.Session()
            self._s3 = session.client(
                "s3", endpoint_url=s.endpoint_url, region_name=s.region, config=config
            )
        except ValueError as exc:  # botocore: "Invalid endpoint: ..."
            message = f"{self.source}: endpoint_url {s.endpoint_url!r} is not a valid URL"
            raise SourceUnavailable(message + " (give e.g. http://127.0.0.1:9000)") from exc
        except BotoCoreError as exc:  # e.g. AWS_PROFILE names no profile
            raise self._source_error(exc) from exc
        return self._s3

    def _items(
        self, key: str, start: str | None, *, windowed: bool
    ) -> Generator[StreamItem, None, None]:
        etag, size = self._head(key)
        if start is not None and start == etag:
            logger.debug("%s: %s unchanged", self.source, key)
            yield Checkpoint(etag)
            return
        limit = self.settings.max_object_bytes
        if size > limit:
            message = f"object is {size} bytes, over max_object_bytes={limit}; not read"
            yield ScanIssue(key, "oversized", message)
            yield Checkpoint(etag)
            return
        chunks = self._chunks(key, etag, size, windowed=windowed)

        def random_access() -> BinaryIO:
            chunks.close()  # Parquet is read in ranges: done with the sequential GET
            raw = _RangedObject(lambda first, last: self._range(key, etag, first, last), size)
            return io.BufferedReader(raw, buffer_size=_RANDOM_ACCESS_BUFFER)

        try:
            yield from parse_object(key, key, chunks, self.settings.limits, random_access)
        except _Changed:
            logger.info("%s: %s changed while being read", self.source, key)
            message = "object was replaced while being read; the next scan reads it again"
            yield ScanIssue(key, "changed", message)
            return
        finally:
            chunks.close()
        yield Checkpoint(etag)

    def _head(self, key: str) -> tuple[str, int]:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            head = self._client().head_object(Bucket=self.settings.bucket, Key=key)
        except (BotoCoreError, ClientError) as exc:
            raise self._object_error(exc, key) from exc
        return _etag(head["ETag"]), int(head["ContentLength"])

    def _get(self, key: str, etag: str, first: int | None = None, last: int | None = None) -> Any:
        """The streaming body of a GET of ``key`` at version ``etag`` (bytes first..last)."""
        from botocore.exceptions import BotoCoreError, ClientError

        request: dict[str, Any] = {"Bucket": self.settings.bucket, "Key": key}
        request["IfMatch"] = f'"{etag}"'
        if first is not None and last is not None:
            request["Range"] = f"bytes={first}-{last}"
        try:
            return self._client().get_object(**request)["Body"]
        except (BotoCoreError, ClientError) as exc:
            raise self._object_error(exc, key) from exc

    def _chunks(
        self, key: str, etag: str, size: int, *, windowed: bool
    ) -> Generator[bytes, None, None]:
        from botocore.exceptions import BotoCoreError, ClientError

        offset = 0
        window = _FIRST_WINDOW if windowed else size
        while offset < size:
            last = min(size, offset + window) - 1
            body = self._get(key, etag, offset, last) if windowed else self._get(key, etag)
            try:
                yield from body.iter_chunks(CHUNK)
            except (BotoCoreError, ClientError) as exc:
                raise self._object_error(exc, key) from exc
            finally:
                body.close()
            offset = last + 1
            window = min(2 * window, _MAX_WINDOW)

    def _range(self, key: str, etag: str, first: int, last: int) -> bytes:
        from botocore.exceptions import BotoCoreError, ClientError

        body = self._get(key, etag, first, last)
        try:
            return bytes(body.read())
        except (BotoCoreError, ClientError) as exc:
            raise self._object_error(exc, key) from exc
        finally:
            body.close()

    def _object_error(self, exc: Exception, key: str) -> Exception:
        code, status = _error_code(exc)
        where = f"{self.source}: object {key!r} in bucket {self.settings.bucket!r}"
        if status == 412 or code == "PreconditionFailed":
            return _Changed()
        if code == "NoSuchBucket" or code in _CREDENTIAL_CODES or not code:
            return self._source_error(exc)
        if code == "NoSuchKey" or status == 404:
            return ContainerUnavailable(f"{where} is gone (deleted since it was listed)")
        if code == "InvalidObjectState":
            return ContainerUnavailable(f"{where} is archived; restore it to scan it")
        if code == "AccessDenied" or status == 403:
            return ContainerUnavailable(f"{where}: access denied (needs s3:GetObject)")
        if code == "_network":
            return ContainerUnavailable(f"{where}: the connection failed while reading")
        return ContainerUnavailable(f"{where} cannot be read: {code} (HTTP {status})")

    def _source_error(self, exc: Exception) -> SourceUnavailable:
        from botocore import exceptions as errors

        s = self.settings
        server = s.endpoint_url or "AWS S3"
        code, status = _error_code(exc)
        if code == "NoSuchBucket":
            message = f"bucket {s.bucket!r} does not exist at {server}"
        elif code in _CREDENTIAL_CODES:
            message = f"{server} refused the credentials ({code}); check AWS_ACCESS_KEY_ID etc."
        elif code == "AccessDenied" or status == 403:
            message = f"access denied listing bucket {s.bucket!r} (needs s3:ListBucket)"
        elif code and code != "_network":
            message = f"{server} answered {code} (HTTP {status}) for bucket {s.bucket!r}"
        elif isinstance(exc, errors.ConnectionError):
            message = f"cannot connect to {server} (connection refused, unknown host or timeout)"
        elif isinstance(exc, errors.NoCredentialsError | errors.PartialCredentialsError):
            message = "no AWS credentials: set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or a profile"
        else:
            message = f"request to {server} failed ({type(exc).__name__})"
        return SourceUnavailable(f"{self.source}: {message}")


class _RangedObject(io.RawIOBase):
    """A seekable read-only file over one version of an object, one ranged GET per read."""

    def __init__(self, fetch: Callable[[int, int], bytes], size: int) -> None:
        super().__init__()
        self._fetch = fetch  # bytes first..last, inclusive
        self._size = size
        self._position = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._position, io.SEEK_END: self._size}[whence]
        self._position = max(0, base + offset)
        return self._position

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        count = min(len(view), self._size - self._position)
        if count <= 0:
            return 0
        data = self._fetch(self._position, self._position + count - 1)[:count]
        view[: len(data)] = data
        self._position += len(data)
        return len(data)


def _etag(raw: str) -> str:
    return raw.strip('"')


def _error_code(exc: Exception) -> tuple[str, int]:
    """(error code, HTTP status) of a ClientError; ("_network", 0) for a failed HTTP exchange."""
    from botocore import exceptions as errors

    if isinstance(exc, errors.ClientError):
        error = exc.response.get("Error", {})
        status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
        return str(error.get("Code", "")) or str(status), int(status)
    if isinstance(exc, errors.HTTPClientError | errors.IncompleteReadError):
        return "_network", 0
    return "", 0

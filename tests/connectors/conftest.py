"""Shared fixtures for connector tests: an S3-compatible server (moto) over real HTTP."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

S3_REGION = "eu-north-1"


@pytest.fixture(scope="session")
def moto_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``http://127.0.0.1:PORT`` of a moto server in a thread, with dummy credentials set.

    The credentials and region are set in the environment for the whole session (boto3's usual
    chain is what the connector uses); no profile or config file of the machine is read.
    """
    from moto.server import ThreadedMotoServer

    nowhere = tmp_path_factory.mktemp("aws") / "none"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("AWS_ACCESS_KEY_ID", "testing")
        patch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
        patch.setenv("AWS_DEFAULT_REGION", S3_REGION)
        patch.setenv("AWS_CONFIG_FILE", str(nowhere))
        patch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(nowhere))
        patch.setenv("AWS_EC2_METADATA_DISABLED", "true")
        patch.setenv("NO_PROXY", "127.0.0.1,localhost")
        for name in ("AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_PROFILE"):
            patch.delenv(name, raising=False)
        # werkzeug logs every request at INFO to a stderr handler of its own: keep output clean
        werkzeug = logging.getLogger("werkzeug")
        level = werkzeug.level
        werkzeug.setLevel(logging.WARNING)
        server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        server.start()
        host, port = server.get_host_and_port()
        try:
            yield f"http://{host}:{port}"
        finally:
            server.stop()
            werkzeug.setLevel(level)


@pytest.fixture(scope="session")
def s3_admin(moto_endpoint: str) -> Any:
    """A boto3 S3 client with the session's credentials, for setting up buckets and objects."""
    import boto3

    return boto3.session.Session().client("s3", endpoint_url=moto_endpoint, region_name=S3_REGION)


@pytest.fixture
def bucket(s3_admin: Any) -> str:
    """A new, empty bucket (its name is unique, so tests never see each other's objects)."""
    name = f"pdmap-{uuid.uuid4().hex[:12]}"
    s3_admin.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": S3_REGION})
    return name


def unused_port() -> int:
    """A local TCP port nothing listens on (bound, then closed)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port

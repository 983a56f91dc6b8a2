"""Shared fixtures for connector tests: an S3-compatible server (moto) over real HTTP."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from pdmap.demo import moto_server

S3_REGION = "eu-north-1"


@pytest.fixture(scope="session")
def moto_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``http://127.0.0.1:PORT`` of a moto server in a thread (:func:`pdmap.demo.moto_server`).

    The credentials and region are set in the environment for the whole session (boto3's usual
    chain is what the connector uses); no profile or config file of the machine is read.
    """
    with moto_server(tmp_path_factory.mktemp("aws"), S3_REGION) as endpoint:
        yield endpoint


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

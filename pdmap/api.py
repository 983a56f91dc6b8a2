"""``pdmap serve``: the HTTP API (FastAPI) over the catalog, the policy and the sources.

Every endpoint but ``/healthz`` needs ``Authorization: Bearer <token>`` (``pdmap token create``):
a missing, malformed or unknown token answers 401, a token whose role is too low 403. Subject
lookups are rate limited per token (429 with ``Retry-After``). Every lookup, export and erasure
is appended to the hash-chained audit log (who: the token's id; the identifier only as its
keyed fingerprint). No answer holds a raw detected value, except an export, which is the
person's own data and needs the operator role.
"""

# No ``from __future__ import annotations`` here: FastAPI reads these annotations at run time,
# and the role dependencies are local to create_app.
import contextlib
import logging
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Path, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel

from datamap.catalog import Catalog, open_catalog
from datamap.models import ScanRun
from datamap.policy import Policy, load_policy
from datamap.subjects import IdentifierError, Resolution, SubjectResolver, parse_identifier
from pdmap.config import PdmapConfig
from pdmap.scan import run_scan
from pdmap.subject import (
    OpenConnectors,
    audit_log,
    audit_request,
    eraser_for,
    export_document,
    load_existing_key,
    resolver_for,
)
from pdmap.tokens import Token, TokenStore
from reports.datamap import build_report
from reports.findings import finding_record
from scanner.engine import DetectionEngine, EngineSettings

__all__ = ["RateLimiter", "create_app", "token_store"]

log = logging.getLogger(__name__)

IdentifierQuery = Annotated[
    str,
    Query(
        description="KIND:VALUE, KIND one of email, personnummer, phone",
        pattern=r"^(?i:email|personnummer|phone):.+$",
    ),
]
_AUTH: dict[int | str, dict[str, Any]] = {
    401: {"description": "no, malformed or unknown bearer token"},
    403: {"description": "the token's role is too low"},
}
_SUBJECT: dict[int | str, dict[str, Any]] = {
    **_AUTH,
    400: {"description": "the identifier is malformed (e.g. a personnummer with a bad check)"},
    429: {"description": "too many subject lookups for this token (see Retry-After)"},
}


class ErasureRequest(BaseModel):
    identifier: str
    execute: bool = False


class ScanRequest(BaseModel):
    source: str | None = None  # one configured source; all of them when absent
    full: bool = False  # rescan every container, changed or not


class _Scans:
    """Scans started through the API: one at a time, in a background thread of this process
    (workers=1: forking a threaded server is not safe), the detection engine loaded on the
    first scan and kept. Progress and outcome are in the catalog's scan runs."""

    def __init__(
        self,
        config: PdmapConfig,
        catalog: Catalog,
        key: bytes,
        engine_factory: Callable[[], DetectionEngine] | None,
        exclusive: threading.Lock,
    ) -> None:
        self.config, self.catalog, self.key = config, catalog, key
        self._exclusive = exclusive  # held by a running scan, and by an erasure's execution
        self._factory = engine_factory or (lambda: DetectionEngine.load(EngineSettings()))
        self._engine: DetectionEngine | None = None
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._running: int | None = None

    def start(self, source: str | None, full: bool) -> int:
        """Start a scan run and answer its id; 409 while another scan or an erasure runs."""
        with self._lock:
            if self.busy():
                raise HTTPException(
                    status_code=409, detail=f"scan run {self._running} is still running"
                )
            if not self._exclusive.acquire(blocking=False):
                raise HTTPException(status_code=409, detail="an erasure is being executed")
            try:
                run_id = self.catalog.start_run(full)
            except BaseException:
                self._exclusive.release()
                raise
            self._running = run_id
            self._thread = threading.Thread(
                target=self._run, args=(run_id, source, full), name=f"pdmap-scan-{run_id}",
                daemon=True,
            )  # fmt: skip
            self._thread.start()
            return run_id

    def busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> None:
        thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def _engine_once(self) -> DetectionEngine:
        if self._engine is None:
            self._engine = self._factory()
        return self._engine

    def _run(self, run_id: int, source: str | None, full: bool) -> None:
        try:
            run_scan(self.config, self.catalog, self.key, source=source, full=full,
                     engine_factory=self._engine_once, run_id=run_id)  # fmt: skip
        except Exception as exc:  # the run must not stay "running" forever
            log.error("scan run %d failed: %s", run_id, type(exc).__name__)
            self.catalog.finish_run(run_id, "failed", 0, 0, 0)
        finally:
            self._exclusive.release()


class RateLimiter:
    """At most ``limit`` calls per ``window`` seconds per key (a sliding window)."""

    def __init__(self, limit: int, window: float = 60.0) -> None:
        self.limit = limit
        self.window = window
        self._calls: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def check(self, key: str) -> float | None:
        """None when allowed (and counted), else the seconds until the next call is allowed."""
        now = time.monotonic()
        with self._lock:
            calls = self._calls[key]
            while calls and now - calls[0] >= self.window:
                calls.popleft()
            if len(calls) >= self.limit:
                return self.window - (now - calls[0])
            calls.append(now)
            return None


def token_store(config: PdmapConfig) -> TokenStore:
    return TokenStore(config.base_dir / ".pdmap" / "tokens.json")


class _State:
    """What the app holds: one catalog, policy and resolver (its connectors kept open)."""

    def __init__(
        self, config: PdmapConfig, engine_factory: Callable[[], DetectionEngine] | None
    ) -> None:
        self.config = config
        self.key = load_existing_key(config)
        self.policy: Policy = load_policy(config.policy, config.base_dir)
        self.catalog: Catalog = open_catalog(config.catalog_url())
        self.resolver: SubjectResolver = resolver_for(
            config, self.catalog, self.key, self.policy.category_map()
        )
        self.lock = threading.Lock()  # erasure executions and scans, one at a time
        self.tokens = token_store(config)
        self.scans = _Scans(config, self.catalog, self.key, engine_factory, self.lock)

    def resolve(self, identifier: str) -> Resolution:
        try:
            subject = parse_identifier(identifier)
        except IdentifierError as exc:
            raise HTTPException(status_code=400, detail=str(exc)) from None
        return self.resolver.resolve(subject)  # thread-safe: requests resolve in parallel

    def close(self) -> None:
        self.resolver.close()
        self.catalog.close()


def create_app(
    config: PdmapConfig,
    lookups_per_minute: int = 120,
    engine_factory: Callable[[], DetectionEngine] | None = None,
) -> FastAPI:
    """The API over ``config``'s catalog (opened once; closed on shutdown). ``engine_factory``
    builds the detection engine for scans started through the API (default: the full one)."""
    state = _State(config, engine_factory)
    limiter = RateLimiter(lookups_per_minute)
    bearer = HTTPBearer(auto_error=False)
    app = FastAPI(
        title="pdmap",
        summary="Where personal data is, and data-subject requests (GDPR Art. 15, 17, 20, 30).",
        version="1",
        on_shutdown=[state.close],
    )

    def role(required: str) -> Callable[..., Token]:
        def check(
            credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
        ) -> Token:
            token = state.tokens.verify(credentials.credentials) if credentials else None
            if token is None:
                raise HTTPException(
                    status_code=401,
                    detail="a valid bearer token is required (pdmap token create)",
                    headers={"WWW-Authenticate": "Bearer"},
                )
            if not token.allows(required):
                raise HTTPException(
                    status_code=403, detail=f"this needs the {required} role (token: {token.role})"
                )
            return token

        return check

    def limited(token: Token) -> None:
        wait = limiter.check(token.id)
        if wait is not None:
            raise HTTPException(
                status_code=429,
                detail="too many subject lookups; slow down",
                headers={"Retry-After": str(max(1, int(wait) + 1))},
            )

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    app.state.scans = state.scans  # tests wait for background scans through it
    _subject_routes(app, state, role, limited)
    _catalog_routes(app, state, role)

    @app.middleware("http")
    async def no_store(request: Request, call_next: Any) -> Any:
        response = await call_next(request)
        response.headers["Cache-Control"] = "no-store"
        return response

    return app


Role = Callable[[str], Callable[..., Token]]


def _subject_routes(
    app: FastAPI, state: _State, role: Role, limited: Callable[[Token], None]
) -> None:
    config = state.config

    @app.get("/api/v1/subjects/locations", responses=_SUBJECT)
    def locations(
        identifier: IdentifierQuery, token: Annotated[Token, Depends(role("reader"))]
    ) -> dict[str, Any]:
        """Where one person's data is: the same locations as ``pdmap subject locate``."""
        limited(token)
        found = state.resolve(identifier)
        audit_request(config, "locate", found, {"locations": len(found.locations)},
                      actor=f"token:{token.id}")  # fmt: skip
        answer = found.to_dict()
        return {"locations": answer["locations"], "unreachable": answer["unreachable"],
                "warnings": answer["warnings"]}  # fmt: skip

    @app.get("/api/v1/subjects/export", responses=_SUBJECT)
    def export(
        identifier: IdentifierQuery, token: Annotated[Token, Depends(role("operator"))]
    ) -> dict[str, Any]:
        """The person's data itself with the Art. 15 information (as ``pdmap subject export``)."""
        limited(token)
        found = state.resolve(identifier)
        document, _ = export_document(config, found, state.key, state.policy, state.catalog)
        audit_request(config, "export", found, {"records": len(document["records"])},
                      actor=f"token:{token.id}")  # fmt: skip
        return document

    @app.post(
        "/api/v1/subjects/erasure",
        responses={**_SUBJECT, 409: {"description": "a scan is running (execute only)"}},
    )
    def erasure(
        request: ErasureRequest, token: Annotated[Token, Depends(role("admin"))]
    ) -> dict[str, Any]:
        """The erasure plan, or with ``execute`` its execution (as ``pdmap subject erase``)."""
        limited(token)
        try:
            subject = parse_identifier(request.identifier)
        except IdentifierError as exc:
            raise HTTPException(status_code=400, detail=str(exc)) from None
        connectors = OpenConnectors(config)
        if request.execute and state.scans.busy():
            raise HTTPException(
                status_code=409, detail="a scan is running; execute the erasure after it ends"
            )
        eraser = eraser_for(config, state.catalog, state.key, state.policy, connectors)
        eraser.actor = f"token:{token.id}"
        try:
            # Executions one at a time and never beside a scan (which holds the same lock).
            with state.lock if request.execute else contextlib.nullcontext():
                plan = eraser.plan(eraser.resolver.resolve(subject))
                report = eraser.execute(plan) if request.execute else None
        finally:
            connectors.close()
            eraser.resolver.close()
        if report is None:
            audit_request(config, "erasure_plan", plan.resolution, {"summary": plan.summary()},
                          actor=f"token:{token.id}")  # fmt: skip
            return plan.to_dict()
        return report.to_dict()


def _catalog_routes(app: FastAPI, state: _State, role: Role) -> None:
    config = state.config

    @app.get("/api/v1/findings", responses=_AUTH)
    def findings(
        _: Annotated[Token, Depends(role("reader"))], source: str | None = None
    ) -> dict[str, Any]:
        """What the scans found, one record per (source, container, field, entity type)."""
        categories = state.policy.category_map()
        return {"findings": [finding_record(v, categories) for v in state.catalog.findings(source)]}

    @app.get("/api/v1/datamap", responses=_AUTH)
    def datamap(_: Annotated[Token, Depends(role("reader"))], lang: str = "en") -> dict[str, Any]:
        """The data map, the Art. 30 record and the policy gaps (as ``pdmap report -f json``)."""
        sources = {s.name: (s.type, s.system) for s in config.sources}
        return build_report(state.catalog, state.policy, sources, "sv" if lang == "sv" else "en")

    @app.get("/api/v1/scans", responses=_AUTH)
    def scans(_: Annotated[Token, Depends(role("reader"))]) -> dict[str, Any]:
        """The scan runs, newest last."""
        return {"runs": [_run_record(run) for run in state.catalog.runs()]}

    @app.get(
        "/api/v1/scans/{run_id}",
        responses={**_AUTH, 404: {"description": "no scan run with this id"}},
    )
    def scan_run(
        run_id: Annotated[int, Path(ge=1)], _: Annotated[Token, Depends(role("reader"))]
    ) -> dict[str, Any]:
        """One scan run (``status`` is ``running`` until it ends) and the issues it recorded."""
        run = next((r for r in state.catalog.runs() if r.id == run_id), None)
        if run is None:
            raise HTTPException(status_code=404, detail=f"no scan run {run_id}")
        issues = [
            {"source": i.source, "container": i.container, "kind": i.kind, "message": i.message}
            for i in state.catalog.issues(run_id)
        ]
        return {**_run_record(run), "issue_list": issues}

    @app.post(
        "/api/v1/scans",
        status_code=202,
        responses={
            **_AUTH,
            400: {"description": "no such source in the configuration"},
            409: {"description": "a scan started through the API, or an erasure, is running"},
        },
    )
    def start_scan(
        request: ScanRequest, token: Annotated[Token, Depends(role("admin"))]
    ) -> dict[str, Any]:
        """Start a scan (as ``pdmap scan [--source NAME] [--full]``) in the background; poll
        ``GET /api/v1/scans/{run}`` for its end."""
        if request.source is not None and request.source not in {s.name for s in config.sources}:
            raise HTTPException(status_code=400, detail=f"no source named {request.source!r}")
        run_id = state.scans.start(request.source, request.full)
        audit_log(config).append({"event": "scan", "actor": f"token:{token.id}", "run": run_id,
                                  "source": request.source, "full": request.full})  # fmt: skip
        return {"run": run_id, "status": "running"}


def _run_record(run: ScanRun) -> dict[str, Any]:
    return {
        "id": run.id,
        "started_at": run.started_at.isoformat() if run.started_at else None,
        "finished_at": run.finished_at.isoformat() if run.finished_at else None,
        "status": run.status,
        "full": run.full,
        "containers_scanned": run.containers_scanned,
        "containers_skipped": run.containers_skipped,
        "issues": run.issues,
    }

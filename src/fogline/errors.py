"""Errors and rejection codes.

Every message carries a searchable code, as spaCy's ``Errors.E097`` does: a user who pastes
``FL104`` into an issue finds the cause at once.

Exception tree::

    FoglineError            base; ``code`` and ``exit_code``
    ├── UsageError          bad arguments (exit 2)
    ├── StoreError          the database cannot be opened or migrated (exit 3)
    ├── ModelError          the spaCy model is missing or broken (exit 3)
    └── ClusterError        the Dask cluster cannot be reached or runs another fogline (exit 3)

Inputs that cannot be used are not exceptions of the run: each becomes a :class:`Rejection`
entry in the output (``rejected``) and in the store, and the rest of the batch goes on.
"""
from __future__ import annotations

from enum import Enum


class Reject(str, Enum):
    """Why an input was not analysed. The value is the code; :data:`REJECT_TEXT` says why."""

    UNREADABLE = "FL100"
    EMPTY = "FL101"
    BINARY = "FL102"
    UNDECODABLE = "FL103"
    TOO_LARGE = "FL104"
    NOT_ENGLISH = "FL105"
    MALFORMED_JSONL = "FL106"
    NO_TEXT = "FL107"
    UNSUPPORTED = "FL108"
    MALFORMED_HTML = "FL109"

    @property
    def slug(self) -> str:
        return self.name.lower()


REJECT_TEXT: dict[Reject, str] = {
    Reject.UNREADABLE: "the input could not be read (missing file, permission, I/O error)",
    Reject.EMPTY: "the input holds no text",
    Reject.BINARY: "the input is binary data, not text or HTML",
    Reject.UNDECODABLE: "the bytes are in no text encoding fogline can identify",
    Reject.TOO_LARGE: "the input is over the size limit",
    Reject.NOT_ENGLISH: "the text is not in English, the only language fogline analyses",
    Reject.MALFORMED_JSONL: "a JSONL line is not a JSON object with a text field",
    Reject.NO_TEXT: "no article text could be extracted",
    Reject.UNSUPPORTED: "the file type is not one fogline reads",
    Reject.MALFORMED_HTML: "the HTML could not be parsed",
}


class FoglineError(Exception):
    """Base of fogline's own errors."""

    code = "FL000"
    exit_code = 3

    def __init__(self, message: str) -> None:
        super().__init__(f"{self.code} {message}")


class UsageError(FoglineError):
    """The command was called with arguments that cannot work."""

    code = "FL200"
    exit_code = 2


class StoreError(FoglineError):
    """The store could not be opened, migrated or written."""

    code = "FL300"


class ModelError(FoglineError):
    """The spaCy model could not be loaded."""

    code = "FL400"


class ClusterError(FoglineError):
    """The Dask cluster could not be used: Dask missing, scheduler unreachable, workers running
    another fogline version."""

    code = "FL500"


class InputRejected(Exception):
    """Raised inside ingest when one input cannot be used; the batch turns it into a rejection."""

    def __init__(self, reject: Reject, detail: str = "") -> None:
        self.reject = reject
        self.detail = detail
        super().__init__(f"{reject.value} {reject.slug}: {detail or REJECT_TEXT[reject]}")

    @property
    def reason(self) -> str:
        return f"{self.reject.slug}: {self.detail or REJECT_TEXT[self.reject]}"

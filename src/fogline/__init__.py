"""fogline: conflict reporting to a sourced, structured picture of a situation."""
from __future__ import annotations

__version__ = "0.1.0"

from .api import Result, analyze  # noqa: E402
from .model import Claim, Comment, Document, Event, Rejection, Silence, Span  # noqa: E402

__all__ = ["analyze", "Result", "Document", "Comment", "Event", "Claim", "Silence", "Span", "Rejection",
           "__version__"]

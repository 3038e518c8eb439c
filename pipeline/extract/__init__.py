"""The event coder: article text + publication date → political event records.

Pure and deterministic: no I/O beyond loading the spaCy model and the word lists (package
data, `lexicon/`) once. The package face only re-exports; see `coder` for the passes,
`runner` for batching and the worker pool, `record` for the record's contract.
"""

from pipeline.extract.coder import CODER_VERSION
from pipeline.extract.nlp import load_nlp
from pipeline.extract.record import EventRecord
from pipeline.extract.runner import close_pools, extract_events, extract_many

__all__ = ["CODER_VERSION", "EventRecord", "close_pools", "extract_events", "extract_many", "load_nlp"]

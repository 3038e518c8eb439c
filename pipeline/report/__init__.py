"""Pictures of the events: one self-contained HTML report (``python -m pipeline report``)."""

from pipeline.report.html import ReportSummary, write_report

__all__ = ["ReportSummary", "write_report"]

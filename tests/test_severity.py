"""Severities rank from most to least serious, in the order they are declared."""

from auditor.severity import Severity


def test_severities_rank_from_most_to_least_serious():
    assert [s.rank for s in Severity] == [0, 1, 2]
    assert Severity.ERROR.rank < Severity.WARNING.rank < Severity.INFO.rank

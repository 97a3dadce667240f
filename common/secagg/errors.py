"""The one failure type of a secure-aggregation round."""


class SecAggFailure(Exception):
    """The round cannot recover the sum (too few plants or shares, a bad share); the message says why.

    The coordinator records ``round failed: <message>`` and goes on with the next round.
    """

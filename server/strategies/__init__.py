"""Aggregation strategies: one small class per file, registered in ``common.extensions.strategies``.

A registered strategy aggregates the round's accepted updates and keeps its own state
(:class:`~server.strategies.base.Aggregator`). Behaviour around a strategy — FedProx's proximal
term sent to the plants, plant-level DP on the aggregate — is a :class:`~server.strategies.base.Strategy`
wrapper, composed the way Flower wraps a strategy in ``DifferentialPrivacyServerSideFixedClipping``.
"""

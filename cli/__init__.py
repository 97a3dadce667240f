"""The `factoryfl` command line: one entry point (:func:`cli.main.main`), one module per part it drives.

* :mod:`cli.simulation`: ``simulate``, ``lopo``, ``validate``, ``report`` (virtual plants on one host);
* :mod:`deploy.cli`: ``certs``, ``coordinator``, ``register``, ``plant``, ``run``, ``runs``, ``log``,
  ``stop``, ``plant-data`` (operations: a coordinator and plants on separate machines);
* :mod:`cli.plant`: ``predict``, ``export`` (a plant's own use of its personalised model).

Options that name a strategy, transfer method or data source list the entries of the registries in
:mod:`common.extensions` (see :mod:`common.extensions.options`).
"""

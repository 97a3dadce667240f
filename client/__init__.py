"""The plant: the Flower ClientApp (``app.py``) and everything a plant does with its own data and model.

Training and phase two (``plant.py``, ``transfer.py``), its state on disk (``state.py``), and the
personalised model in use (``predict.py``, ``export.py``). Nothing here imports ``server``.
"""

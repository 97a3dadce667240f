"""Registry of tasks (``task``)."""

from common.registry import Registry

TASKS = Registry("task", "task")

"""Tests use the local-deployment harness of deploy/local.py."""

from deploy.local import Deployment, Proc, env_for, free_port  # noqa: F401

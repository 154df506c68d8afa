# SPDX-License-Identifier: GPL-2.0-only
"""Shared fixtures: every test starts from ns-3's default configuration and an
empty simulator, as a script running several scenarios in one process would."""

import pytest

import smkd


@pytest.fixture(autouse=True)
def fresh_simulator():
    smkd.Simulator.destroy()
    smkd.reset_config()
    yield
    smkd.Simulator.destroy()
    smkd.reset_config()

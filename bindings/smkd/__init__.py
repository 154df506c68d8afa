# SPDX-License-Identifier: GPL-2.0-only
"""Python bindings of the smkd ns-3 module (RFC 1949 over CBTv2 and IGMPv3).

Everything comes from the compiled extension ``_smkd``:

* ``set_default(name, value)``, ``reset_config()``, ``set_seed(seed, run=1)``
* ``Simulator.run() / stop(seconds) / now() / destroy() / schedule(seconds, fn)``
* ``cbt.parse / cbt.to_bytes``, ``igmp.parse / igmp.to_bytes``: control messages as dicts
* ``payload.parse(kind, data) / payload.serialize(kind, fields)``: security payloads
* ``net``: nodes, links, the CBT/IGMP/smkd helpers, joins and trace callbacks
* ``ScenarioConfig``, ``Failure``, ``Scenario(config).run(scheme) -> Results``: the
  scaling experiment; the parts of ``Results`` are in ``records``
* ``smkd.sweep``: parameter grids x seeds on Dask (``python3 -m smkd.sweep``)
* ``WireFormatError`` (a ValueError): bytes that do not parse
"""

import atexit

from ._smkd import *  # noqa: F401,F403
from ._smkd import Simulator, __version__, cbt, igmp, net, payload, records  # noqa: F401

# Scheduled Python callables live in ns-3's event list: release them while the
# interpreter still exists.
atexit.register(Simulator.destroy)

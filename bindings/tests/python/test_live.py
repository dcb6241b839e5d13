"""Change listeners from Python: a write by another process (a second Python process on the
same file, as an app extension or the `crm` tool would be) reaches the listener as
OTHER_PROCESS; the store's own write is told as LOCAL, once."""

import asyncio
import os
import queue
import subprocess
import sys
import tempfile
import textwrap
import unittest

from crm_ffi import ChangeListener, ChangeSource, CrmStore, DataKind, StoreInfo

# What the other process runs: opens the same file and adds a walk-in.
OTHER_PROCESS = textwrap.dedent(
    """
    import asyncio, sys
    from crm_ffi import ContactInput, ContactKind, CrmStore, NewCustomer, SourceChannel
    store = CrmStore(sys.argv[1])
    asyncio.run(store.create_customer(NewCustomer(
        name="王芳",
        contacts=[ContactInput(kind=ContactKind.MOBILE, value="13900139000")],
        source=SourceChannel.SHOWROOM_WALK_IN(),
    )))
    """
)


class Forward(ChangeListener):
    def __init__(self):
        self.changes = queue.Queue()

    def on_change(self, change):
        self.changes.put(change)


def drain(changes, first_within=10.0, quiet=0.7):
    """The first change within `first_within` seconds, then all until `quiet` passes."""
    heard = []
    try:
        heard.append(changes.get(timeout=first_within))
        while True:
            heard.append(changes.get(timeout=quiet))
    except queue.Empty:
        return heard


class LiveTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.dir.name, "live.sqlite3")
        self.store = CrmStore(self.path)

    def tearDown(self):
        del self.store
        self.dir.cleanup()

    def test_another_process_write_is_heard_as_other_process(self):
        listener = Forward()
        self.store.add_change_listener(listener)
        subprocess.run([sys.executable, "-c", OTHER_PROCESS, self.path], check=True, env=os.environ)
        heard = drain(listener.changes)
        self.assertEqual([c.source for c in heard], [ChangeSource.OTHER_PROCESS], heard)
        self.assertEqual(heard[0].customer_ids, [])
        self.assertEqual(set(heard[0].kinds), set(DataKind))
        self.assertEqual(asyncio.run(self.store.count_customers(False)), 1)

    def test_its_own_write_is_told_once_as_local(self):
        listener = Forward()
        self.store.add_change_listener(listener, [DataKind.SETTINGS])
        asyncio.run(self.store.set_store_info(StoreInfo(name="天河店")))
        heard = drain(listener.changes, first_within=2.0)
        self.assertEqual([c.source for c in heard], [ChangeSource.LOCAL])


if __name__ == "__main__":
    unittest.main()

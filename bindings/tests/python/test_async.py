"""The async methods from asyncio: many calls in flight on one event loop complete, and the
loop keeps running while the store works (the SQLite work is on the library's threads)."""

import asyncio
import os
import tempfile
import time
import unittest

from crm_ffi import ContactInput, ContactKind, CrmStore, NewCustomer, SourceChannel


def new_customer(name, phone):
    return NewCustomer(
        name=name,
        contacts=[ContactInput(kind=ContactKind.MOBILE, value=phone)],
        source=SourceChannel.SHOWROOM_WALK_IN(),
    )


class AsyncTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.store = CrmStore(os.path.join(self.dir.name, "async.sqlite3"))

    def tearDown(self):
        del self.store
        self.dir.cleanup()

    def test_calls_gathered_on_one_loop_all_complete(self):
        store = self.store

        async def main():
            created = await asyncio.gather(
                *(store.create_customer(new_customer(f"异步{i}", f"1380000{i:04d}")) for i in range(100))
            )
            found = await asyncio.gather(*(store.get_customer(c.id) for c in created))
            return created, found, await store.count_customers(False)

        created, found, count = asyncio.run(main())
        self.assertEqual([c.id for c in created], [c.id for c in found])
        self.assertEqual(count, 100)

    def test_the_loop_runs_other_work_while_a_call_is_in_flight(self):
        store = self.store

        async def main():
            ticks = 0

            async def ticker():
                nonlocal ticks
                while True:
                    ticks += 1
                    await asyncio.sleep(0)

            task = asyncio.create_task(ticker())
            began = time.monotonic()
            await asyncio.gather(
                *(store.create_customer(new_customer(f"并发{i}", f"1370000{i:04d}")) for i in range(200))
            )
            took = time.monotonic() - began
            task.cancel()
            return ticks, took

        ticks, took = asyncio.run(main())
        self.assertGreater(ticks, 10, f"the loop ran {ticks} other steps in {took:.3f} s")


if __name__ == "__main__":
    unittest.main()

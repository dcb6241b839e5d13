"""The upload queue through the generated Python bindings: the device id, the JSON of the
next upload after writes, the count of changes waiting, a limit out of range.

Run by scripts/test-all.sh with the other binding tests (see test_bindings.py).
"""

import json
import os
import tempfile
import unittest

from crm_ffi import (
    ContactInput,
    ContactKind,
    CrmError,
    CustomerPatch,
    Gender,
    Importance,
    NewCustomer,
    SourceChannel,
)

from blocking import CrmStore


def new_customer(name, phone):
    return NewCustomer(
        name=name,
        gender=Gender.UNSPECIFIED,
        contacts=[ContactInput(kind=ContactKind.MOBILE, value=phone)],
        source=SourceChannel.SHOWROOM_WALK_IN(),
        importance=Importance.NORMAL,
    )


class SyncOutboxTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.dir.name, "sync.sqlite3")
        self.store = CrmStore(self.path)

    def tearDown(self):
        del self.store
        self.dir.cleanup()

    def upload(self, limit=10000):
        return json.loads(self.store.pending_upload(limit))

    def test_an_empty_book_has_nothing_to_upload(self):
        device = self.store.device_id()
        self.assertRegex(device, r"^[0-9a-f]{32}$")
        self.assertEqual(self.store.pending_count(), 0)
        upload = self.upload(10)
        self.assertEqual(upload["device_id"], device)
        self.assertEqual(upload["changes"], [])
        self.assertGreaterEqual(upload["schema_version"], 13)

    def test_writes_are_queued_oldest_first_and_reading_keeps_them(self):
        c = self.store.create_customer(new_customer("同步乙", "13900008002"))
        changes = self.upload()["changes"]
        self.assertEqual(len(changes), self.store.pending_count())
        first = changes[0]
        self.assertEqual((first["entity"], first["op"], first["id"]), ("customers", "put", c.id))
        self.assertEqual(first["fields"]["name"], "同步乙")
        self.assertIsNone(first["base_version"])
        contacts = [ch for ch in changes if ch["entity"] == "contacts"]
        self.assertEqual(contacts[0]["fields"]["items"][0]["value"], "13900008002")
        op_ids = [ch["op_id"] for ch in changes]
        self.assertEqual(op_ids, sorted(op_ids))
        self.assertEqual(self.upload(1)["changes"], changes[:1])

        self.store.update_customer(c.id, c.version, CustomerPatch(occupation="教师"))
        edit = self.upload()["changes"][-1]
        self.assertEqual(edit["entity"], "customers")
        self.assertEqual(edit["fields"]["occupation"], "教师")
        self.assertNotIn("name", edit["fields"])
        self.assertEqual(edit["base_version"], 1)

    def test_a_limit_out_of_range_names_limit(self):
        for limit in (0, 10001):
            with self.assertRaises(CrmError.InvalidInput) as ctx:
                self.store.pending_upload(limit)
            self.assertEqual(ctx.exception.field, "limit")


if __name__ == "__main__":
    unittest.main()

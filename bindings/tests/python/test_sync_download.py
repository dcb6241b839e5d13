"""The server's answers through the generated Python bindings: a download applied as JSON,
an upload's answer with a refused change, the book's user.

Run by scripts/test-all.sh with PYTHONPATH set to the folder of the generated module.
"""

import json
import os
import tempfile
import unittest

from crm_ffi import (
    ContactInput,
    ContactKind,
    CrmError,
    DownloadSummary,
    Gender,
    Importance,
    NewCustomer,
    SourceChannel,
    SyncUser,
    UserRole,
)

from blocking import CrmStore

CUSTOMER_ID = "0190a0b1-0000-7000-8000-0000000000b2"


def download(checkpoint, name="欧阳明"):
    return json.dumps({
        "rows": [
            {"version": 1, "entity": "customers", "id": CUSTOMER_ID, "customer_id": CUSTOMER_ID,
             "fields": {"name": name, "gender": "male", "source_kind": "phone_hotline",
                        "importance": 0, "owner": "c02", "created_at": 1796000000000,
                        "updated_at": 1796000000000, "version": 1}},
            {"version": 2, "entity": "customer_tags", "id": CUSTOMER_ID,
             "customer_id": CUSTOMER_ID,
             "fields": {"items": [{"position": 0, "tag": "SUV"}]}},
        ],
        "evicted": [],
        "checkpoint": checkpoint,
        "has_more": False,
    })


class SyncDownloadTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.store = CrmStore(os.path.join(self.dir.name, "python-sync.sqlite3"))

    def tearDown(self):
        del self.store
        self.dir.cleanup()

    def invalid_field(self, call, *args):
        with self.assertRaises(CrmError.InvalidInput) as ctx:
            call(*args)
        return ctx.exception.field

    def test_a_download_is_applied_once_and_an_older_one_ignored(self):
        summary = self.store.apply_download(download(3))
        self.assertEqual(summary, DownloadSummary(applied=2, kept_local=0, evicted=0, checkpoint=3))
        customer = self.store.get_customer(CUSTOMER_ID)
        self.assertEqual((customer.name, customer.owner, customer.tags), ("欧阳明", "c02", ["SUV"]))
        self.store.apply_download(download(3))
        self.assertEqual(self.store.get_customer(CUSTOMER_ID).version, 1)
        self.assertEqual(self.store.apply_download(download(2, name="改名")).checkpoint, 3)
        self.assertEqual(self.store.get_customer(CUSTOMER_ID).name, "欧阳明")

    def test_malformed_payloads_name_the_field(self):
        bad = json.loads(download(4))
        bad["rows"][1]["fields"]["items"][0]["bogus"] = 1
        self.assertEqual(self.invalid_field(self.store.apply_download, json.dumps(bad)),
                         "rows[1].fields.items[0].bogus")
        self.assertEqual(self.invalid_field(self.store.apply_download, "{"), "json")
        self.assertEqual(self.invalid_field(self.store.acknowledge, '{"rejected": []}'),
                         "acknowledged_through")

    def test_a_refused_change_is_undone_and_kept_until_dismissed(self):
        local = self.store.create_customer(NewCustomer(
            name="李雷", gender=Gender.UNSPECIFIED,
            contacts=[ContactInput(kind=ContactKind.MOBILE, value="13900139000")],
            source=SourceChannel.SHOWROOM_WALK_IN(), importance=Importance.NORMAL))
        self.store.acknowledge(json.dumps({
            "acknowledged_through": 10**6,
            "rejected": [{"op_id": 5, "entity": "customers", "id": local.id,
                          "reason": "不是你的客户", "current": None}],
        }))
        with self.assertRaises(CrmError.NotFound):
            self.store.get_customer(local.id)
        [refused] = self.store.sync_rejections()
        self.assertEqual((refused.op_id, refused.entity, refused.id, refused.reason),
                         (5, "customers", local.id, "不是你的客户"))
        self.store.dismiss_rejection(5)
        self.assertEqual(self.store.sync_rejections(), [])

    def test_the_sync_user(self):
        self.assertIsNone(self.store.sync_user())
        user = self.store.set_sync_user("m01", "张经理", UserRole.MANAGER, None)
        self.assertEqual(user, SyncUser(id="m01", name="张经理", role=UserRole.MANAGER, team=None))
        self.assertEqual(self.store.sync_user(), user)


if __name__ == "__main__":
    unittest.main()

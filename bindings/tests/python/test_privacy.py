"""Erasure through the generated Python bindings: `erase_customer` and what it leaves (a
tombstone with the reason, no byte of the person in the file), its refusals as typed errors
(a bad reason naming `reason`, an unknown customer, a consultant erasing another's customer),
the erased customers' orders for the accounts, and the retention rule.

Run by scripts/test-all.sh with the other binding tests (see test_bindings.py).
"""

import datetime
import os
import tempfile
import unittest

from crm_ffi import (
    ContactInput,
    ContactKind,
    CrmError,
    DeletionKind,
    Gender,
    Importance,
    NewCustomer,
    RetentionPolicy,
    SourceChannel,
    UserRole,
)

from blocking import CrmStore


def new_customer(name, phone, notes=None, owner=None):
    return NewCustomer(
        name=name,
        gender=Gender.UNSPECIFIED,
        contacts=[ContactInput(kind=ContactKind.MOBILE, value=phone)],
        source=SourceChannel.SHOWROOM_WALK_IN(),
        importance=Importance.NORMAL,
        notes=notes,
        owner=owner,
    )


class PrivacyTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.dir.name, "privacy.sqlite3")
        self.store = CrmStore(self.path)

    def tearDown(self):
        del self.store
        self.dir.cleanup()

    def file_holds(self, text):
        data = b""
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(self.path + suffix):
                with open(self.path + suffix, "rb") as f:
                    data += f.read()
        return text.encode("utf-8") in data

    def test_an_erasure_leaves_a_tombstone_and_no_byte_of_the_person(self):
        s = self.store
        gone = s.create_customer(new_customer("王清除", "13800138555", notes="想要白色的途观L"))
        stays = s.create_customer(new_customer("李留下", "13900139555"))
        self.assertTrue(self.file_holds("想要白色的途观L") or self.file_holds("王清除"))

        erasure = s.erase_customer(gone.id, "客户要求删除")
        self.assertEqual(erasure.customer_id, gone.id)
        self.assertEqual(erasure.orders_kept, 0)
        self.assertTrue(erasure.file_cleaned)
        for secret in ("王清除", "13800138555", "想要白色的途观L"):
            self.assertFalse(self.file_holds(secret), secret)
        with self.assertRaises(CrmError.NotFound):
            s.get_customer(gone.id)
        self.assertEqual(s.get_customer(stays.id).name, "李留下")
        tombstone = s.deletions(limit=10).deletions[0]
        self.assertEqual(tombstone.id, gone.id)
        self.assertEqual(tombstone.kind, DeletionKind.ERASED)
        self.assertEqual(tombstone.reason, "客户要求删除")
        self.assertEqual(s.erased_orders(), [])

    def test_refusals_are_typed_and_write_nothing(self):
        s = self.store
        c = s.create_customer(new_customer("王芳", "13800138000"))
        with self.assertRaises(CrmError.InvalidInput) as bad:
            s.erase_customer(c.id, " ")
        self.assertEqual(bad.exception.field, "reason")
        with self.assertRaises(CrmError.NotFound):
            s.erase_customer("01934d6a-0000-7000-8000-000000000000", "客户要求删除")
        others = s.create_customer(new_customer("别人的", "13700137000", owner="c02"))
        s.set_sync_user("c01", "王建国", UserRole.CONSULTANT, "一组")
        with self.assertRaises(CrmError.Forbidden) as refused:
            s.erase_customer(others.id, "客户要求删除")
        self.assertEqual(refused.exception.action, "erase")
        with self.assertRaises(CrmError.Forbidden):
            s.delete_customer(others.id)
        self.assertEqual(s.get_customer(others.id).name, "别人的")
        self.assertEqual(s.deletions(limit=10).deletions, [])

    def test_the_retention_rule_is_off_until_set(self):
        s = self.store
        s.create_customer(new_customer("王芳", "13800138000"))
        now = datetime.datetime.now(datetime.timezone.utc)
        self.assertIsNone(s.settings().retention.erase_lost_or_dormant_after_months)
        self.assertEqual(s.retention_due(now), [])
        settings = s.set_retention(RetentionPolicy(erase_lost_or_dormant_after_months=12))
        self.assertEqual(settings.retention.erase_lost_or_dormant_after_months, 12)
        with self.assertRaises(CrmError.InvalidInput) as bad:
            s.set_retention(RetentionPolicy(erase_lost_or_dormant_after_months=0))
        self.assertEqual(bad.exception.field, "erase_lost_or_dormant_after_months")
        run = s.run_retention(now)
        self.assertEqual((run.erased, run.orders_kept, run.file_cleaned), ([], 0, False))


if __name__ == "__main__":
    unittest.main()

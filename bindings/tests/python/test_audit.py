"""Who did what through the generated Python bindings: a timeline record's author, device
and old → new values, and the deletions log after a delete and a merge.

Run by scripts/test-all.sh with the other binding tests (see test_bindings.py).
"""

import os
import tempfile
import unittest

from crm_ffi import (
    ContactInput,
    ContactKind,
    CustomerPatch,
    DeletedEntity,
    DeletionKind,
    FieldValue,
    Gender,
    Importance,
    NewCustomer,
    SourceChannel,
    TimelineEntry,
    UserRole,
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


class AuditTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.store = CrmStore(os.path.join(self.dir.name, "audit.sqlite3"))

    def tearDown(self):
        del self.store
        self.dir.cleanup()

    def test_an_edit_names_its_author_device_and_values(self):
        s = self.store
        s.set_sync_user("u-c01", "张伟", UserRole.CONSULTANT, "t1")
        c = s.create_customer(new_customer("王芳", "13800138000"))
        s.update_customer(c.id, c.version, CustomerPatch(name="王芳芳"))
        newest = s.timeline(c.id, limit=1).records[0]
        self.assertEqual(newest.author, "u-c01")
        self.assertEqual(newest.device, s.device_id())
        self.assertIsInstance(newest.entry, TimelineEntry.CUSTOMER_CHANGED)
        change = newest.entry.changes[0]
        self.assertEqual(change.field, "name")
        self.assertEqual(change.old_value, FieldValue.TEXT(text="王芳"))
        self.assertEqual(change.new_value, FieldValue.TEXT(text="王芳芳"))

    def test_deleted_and_merged_customers_are_in_the_deletions_log(self):
        s = self.store
        self.assertEqual(s.deletions().deletions, [])
        gone = s.create_customer(new_customer("张三", "13800000001"))
        keep = s.create_customer(new_customer("李四", "13800000002"))
        other = s.create_customer(new_customer("李四四", "13800000003"))
        s.delete_customer(gone.id)
        s.merge_customers(keep.id, keep.version, other.id, other.version)
        page = s.deletions(limit=10)
        self.assertIsNone(page.next_cursor)
        by_id = {d.id: d for d in page.deletions}
        self.assertEqual(set(by_id), {gone.id, other.id})
        self.assertEqual(by_id[gone.id].kind, DeletionKind.DELETED)
        self.assertIsNone(by_id[gone.id].merged_into)
        self.assertEqual(by_id[other.id].kind, DeletionKind.MERGED)
        self.assertEqual(by_id[other.id].merged_into, keep.id)
        for d in page.deletions:
            self.assertEqual(d.entity, DeletedEntity.CUSTOMER)
            self.assertEqual(d.device, s.device_id())
            self.assertIsNone(d.author, "a book that never synced")
            self.assertIsNotNone(d.at.tzinfo)


if __name__ == "__main__":
    unittest.main()

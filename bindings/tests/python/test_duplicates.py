"""One customer, one owner (撞单) through the Python bindings: the dealership's keys taken in
as JSON, and the offline warning check_duplicates gives from them."""

import hashlib
import json
import os
import tempfile
import unittest

from crm_ffi import ContactInput, ContactKind, CrmError, DuplicateHolder

from blocking import CrmStore


def key_hash(salt: str, key: str) -> str:
    """crm_core::sync::contact_key_hash: SHA-256 of the salt, a colon and the key."""
    return hashlib.sha256(f"{salt}:{key}".encode()).hexdigest()


class DealershipKeysTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.store = CrmStore(os.path.join(self.dir.name, "book.sqlite3"))

    def tearDown(self):
        self.dir.cleanup()

    def test_a_phone_registered_to_another_consultant_warns_offline(self):
        phone = ContactInput(kind=ContactKind.MOBILE, value="138 0013 8000")
        self.assertEqual(self.store.check_duplicates([phone]), [])
        batch = {
            "salt": "ab12",
            "changes": [{"hash": key_hash("ab12", "+8613800138000"), "live": True}],
            "through": 4,
            "has_more": False,
        }
        self.store.apply_contact_keys(json.dumps(batch))
        self.assertEqual(self.store.contact_key_checkpoint(), 4)
        [found] = self.store.check_duplicates([phone])
        self.assertEqual(found.field, "contacts[0].value")
        self.assertIsNone(found.existing_id)
        self.assertTrue(found.holder.is_another_consultant())
        batch["changes"][0]["live"] = False
        batch["through"] = 5
        self.store.apply_contact_keys(json.dumps(batch))
        self.assertEqual(self.store.check_duplicates([phone]), [])

    def test_a_malformed_batch_names_the_argument(self):
        with self.assertRaises(CrmError.InvalidInput) as ctx:
            self.store.apply_contact_keys("[]")
        self.assertEqual(ctx.exception.field, "keys")


if __name__ == "__main__":
    unittest.main()

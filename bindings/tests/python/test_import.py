"""Spreadsheet import from Python: a GBK sheet's bytes with a progress listener, the report,
a re-import that does nothing, undo."""

import asyncio
import os
import tempfile
import unittest

from crm_ffi import CrmStore, DuplicatePolicy, ImportProgressListener, SheetImportOptions

SHEET = "姓名,手机,生日,身份证\n张三,138 1234 5678,1990/3/5,x\n李四,12345,,\n\n王五,13900000001,45356,\n"


class Progress(ImportProgressListener):
    def __init__(self):
        self.seen = []

    def on_progress(self, done, total):
        self.seen.append((done, total))


class ImportTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.store = CrmStore(os.path.join(self.dir.name, "import.sqlite3"))

    def tearDown(self):
        del self.store
        self.dir.cleanup()

    def test_a_gbk_sheet_is_imported_with_its_report(self):
        store = self.store
        progress = Progress()
        data = SHEET.encode("gbk")

        async def main():
            report = await store.import_customer_sheet_bytes(
                "客户.csv", data, SheetImportOptions(on_duplicate=DuplicatePolicy.SKIP), progress
            )
            again = await store.import_customer_sheet_bytes(
                "客户.csv", data, SheetImportOptions(on_duplicate=DuplicatePolicy.MERGE), None
            )
            return report, again, await store.count_customers(True)

        report, again, count = asyncio.run(main())
        self.assertEqual((report.rows, report.created, len(report.errors)), (3, 2, 1))
        self.assertEqual((report.errors[0].row, report.errors[0].column), (3, "手机"))
        self.assertEqual(report.unknown_columns, ["身份证"])
        self.assertTrue(report.written)
        self.assertEqual(progress.seen[-1], (3, 3))
        self.assertTrue(again.already_imported)
        self.assertEqual(again.import_id, report.import_id)
        self.assertEqual(count, 2)

        undone = asyncio.run(store.undo_import(report.import_id))
        self.assertEqual(undone.removed, 2)


if __name__ == "__main__":
    unittest.main()

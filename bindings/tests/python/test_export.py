"""Exports through the generated Python bindings: customers to CSV (BOM, headers, values) and
xlsx (a zip file), a saved view's columns, the report workbook, the calendar text with stable
UIDs, and bad input named.

Run by scripts/test-all.sh with the other binding tests (see test_bindings.py).
"""

import csv
import datetime
import io
import os
import tempfile
import unittest

from crm_ffi import (
    ContactInput,
    ContactKind,
    CrmError,
    CustomerFilter,
    ExportLanguage,
    FollowUpMethod,
    Gender,
    Importance,
    ListColumn,
    NewCustomer,
    NewPlan,
    PlanTime,
    ReportPeriod,
    SourceChannel,
    SpreadsheetFormat,
    ViewDefinition,
)

from blocking import CrmStore


def customer(name, phone, importance=Importance.NORMAL):
    return NewCustomer(
        name=name,
        gender=Gender.FEMALE,
        contacts=[ContactInput(kind=ContactKind.MOBILE, value=phone)],
        source=SourceChannel.SHOWROOM_WALK_IN(),
        importance=importance,
        owner="c01",
        tags=["首购"],
    )


class ExportTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.store = CrmStore(os.path.join(self.dir.name, "export.sqlite3"))
        self.wang = self.store.create_customer(customer("王芳", "13800138000", Importance.KEY))
        self.store.create_customer(customer("李娜", "13900139000"))

    def tearDown(self):
        del self.store
        self.dir.cleanup()

    def path(self, name):
        return os.path.join(self.dir.name, name)

    def test_customers_to_csv_read_back(self):
        n = self.store.export_customers(SpreadsheetFormat.CSV, self.path("c.csv"))
        self.assertEqual(n, 2)
        with open(self.path("c.csv"), "rb") as f:
            data = f.read()
        self.assertTrue(data.startswith(b"\xef\xbb\xbf"))
        self.assertIn(b"\r\n", data)
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        self.assertEqual(rows[0][:4], ["姓名", "手机", "微信", "邮箱"])
        by_name = {r[0]: r for r in rows[1:]}
        self.assertEqual(set(by_name), {"王芳", "李娜"})
        self.assertEqual(by_name["王芳"][1], "13800138000")
        self.assertEqual(by_name["王芳"][4], "女")
        self.assertEqual(by_name["王芳"][rows[0].index("所属顾问")], "c01")

    def test_a_filter_english_headers_and_xlsx(self):
        n = self.store.export_customers(
            SpreadsheetFormat.CSV,
            self.path("key.csv"),
            filter=CustomerFilter(importance=[Importance.KEY]),
            language=ExportLanguage.EN,
        )
        self.assertEqual(n, 1)
        with open(self.path("key.csv"), encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        self.assertEqual(rows[0][0], "name")
        self.assertEqual(rows[1][0], "王芳")
        self.assertEqual(self.store.export_customers(SpreadsheetFormat.XLSX, self.path("c.xlsx")), 2)
        with open(self.path("c.xlsx"), "rb") as f:
            self.assertEqual(f.read(2), b"PK")

    def test_a_views_columns_and_bad_input(self):
        view = self.store.create_view(
            "重点",
            ViewDefinition(
                filter=CustomerFilter(importance=[Importance.KEY]),
                columns=[ListColumn.TAGS, ListColumn.NAME],
            ),
        )
        n = self.store.export_customers(SpreadsheetFormat.CSV, self.path("v.csv"), view_id=view.id)
        self.assertEqual(n, 1)
        with open(self.path("v.csv"), encoding="utf-8-sig", newline="") as f:
            self.assertEqual(f.read(), "标签,姓名\r\n首购,王芳\r\n")
        with self.assertRaises(CrmError.InvalidInput) as ctx:
            self.store.export_customers(
                SpreadsheetFormat.CSV, self.path("x.csv"), filter=CustomerFilter(), view_id=view.id
            )
        self.assertEqual(ctx.exception.field, "view_id")
        with self.assertRaises(CrmError.NotFound):
            self.store.export_customers(SpreadsheetFormat.CSV, self.path("x.csv"), view_id="nope")
        with self.assertRaises(CrmError.Storage):
            self.store.export_customers(SpreadsheetFormat.CSV, self.path("missing/x.csv"))
        self.assertFalse(os.path.exists(self.path("x.csv")))

    def test_reports_workbook(self):
        now = datetime.datetime.now(datetime.timezone.utc)
        period = ReportPeriod(_from=now - datetime.timedelta(days=1), to=now + datetime.timedelta(hours=1))
        self.store.export_reports(period, self.path("r.xlsx"))
        with open(self.path("r.xlsx"), "rb") as f:
            self.assertEqual(f.read(2), b"PK")

    def test_calendar_text_with_stable_uids(self):
        day = datetime.date.today() + datetime.timedelta(days=3)
        plan = self.store.set_plan(
            self.wang.id, NewPlan(time=PlanTime.ON_DATE(date=day), method=FollowUpMethod.PHONE, purpose="报价")
        )
        start = datetime.date.today()
        end = start + datetime.timedelta(days=30)
        first = self.store.export_calendar("c01", start, end)
        self.assertTrue(first.startswith("BEGIN:VCALENDAR"))
        self.assertEqual(first.count("BEGIN:VEVENT"), 1)
        uid = f"UID:plan-{plan.id}@dealer-crm"
        self.assertIn(uid, first)
        self.assertIn("SUMMARY:跟进 王芳 (电话)", first)
        self.assertIn("DTSTART;VALUE=DATE:" + day.strftime("%Y%m%d"), first)
        self.assertIn(uid, self.store.export_calendar("c01", start, end, language=ExportLanguage.EN))
        with self.assertRaises(CrmError.InvalidInput) as ctx:
            self.store.export_calendar("c01", end, start)
        self.assertEqual(ctx.exception.field, "to")


if __name__ == "__main__":
    unittest.main()

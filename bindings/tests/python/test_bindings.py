"""Runs the generated Python bindings against the real libcrm_ffi.so.

The generated module `crm_ffi` (with the .so beside it) must be importable: run by
scripts/test-all.sh as `python3 -m unittest discover -s bindings/tests/python` with
PYTHONPATH set to the folder of the generated module.
"""

import datetime
import os
import sqlite3
import tempfile
import threading
import unittest
import zoneinfo

from crm_ffi import (
    DuplicateHolder,
    AgeBand,
    AgendaReason,
    ArchivedFilter,
    ContactInput,
    ContactKind,
    CrmError,
    CustomerField,
    CustomerFilter,
    CustomerPatch,
    CustomerQuery,
    DuplicateContact,
    FacetCount,
    FirstContact,
    FollowUpKind,
    FollowUpMethod,
    Gender,
    Importance,
    IntentLevel,
    LastContactFilter,
    ListColumn,
    ListQuery,
    MatchTier,
    NewCustomer,
    NewFollowUp,
    NewPlan,
    NewTemplate,
    PlanTime,
    Region,
    ReminderChannel,
    SearchOptions,
    Sort,
    SortKey,
    SourceChannel,
    SourceKind,
    TemplateLanguage,
    TemplatePurpose,
    TimelineEntry,
    ViewDefinition,
    WriteOptions,
    library_version,
)

from blocking import CrmStore


def mobile(value, **kwargs):
    return ContactInput(kind=ContactKind.MOBILE, value=value, **kwargs)


def new_customer(name, phone, **kwargs):
    """A valid new customer: only the required fields, the rest as given or default."""
    return NewCustomer(
        name=name,
        gender=kwargs.pop("gender", Gender.UNSPECIFIED),
        contacts=kwargs.pop("contacts", [mobile(phone)]),
        source=kwargs.pop("source", SourceChannel.SHOWROOM_WALK_IN()),
        importance=kwargs.pop("importance", Importance.NORMAL),
        **kwargs,
    )


def now_ms():
    """Now, UTC-aware, at the millisecond precision the store keeps."""
    now = datetime.datetime.now(datetime.timezone.utc)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


class BindingsTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.dir.name, "python.sqlite3")
        self.store = CrmStore(self.path)

    def tearDown(self):
        del self.store
        self.dir.cleanup()

    def invalid_field(self, call, *args):
        with self.assertRaises(CrmError.InvalidInput) as ctx:
            call(*args)
        self.assertTrue(ctx.exception.reason)
        return ctx.exception.field

    def test_create_get_and_round_trips(self):
        met_at = now_ms() - datetime.timedelta(days=3)
        birthday = datetime.date(1990, 5, 17)
        created = self.store.create_customer(
            new_customer(
                "  张三 ",
                None,
                gender=Gender.MALE,
                birthday=birthday,
                region=Region(province="广东", city="深圳"),
                contacts=[
                    mobile("138 1234 5678", primary=True),
                    ContactInput(kind=ContactKind.EMAIL, value="Zhang.San@Example.COM"),
                ],
                source=SourceChannel.REFERRAL(referrer_name="李四"),
                first_contact=FirstContact(at=met_at, place="展厅"),
                tags=["VIP", "vip", "SUV"],
                importance=Importance.KEY,
            )
        )
        self.assertEqual(created.name, "张三")
        self.assertEqual(created.version, 1)
        self.assertEqual(created.contacts[0].key, "+8613812345678")
        self.assertEqual(created.contacts[1].key, "zhang.san@example.com")
        self.assertEqual(created.tags, ["VIP", "SUV"])
        self.assertIsNone(created.archived_at)

        got = self.store.get_customer(created.id)
        self.assertEqual(got, created)
        self.assertEqual(got.birthday, birthday)
        self.assertEqual(got.first_contact.at, met_at)
        self.assertIsNotNone(got.created_at.tzinfo, "timestamps are timezone-aware")
        self.assertLess(abs(got.created_at - now_ms()), datetime.timedelta(minutes=1))
        self.assertEqual(got.source, SourceChannel.REFERRAL(referrer_id=None, referrer_name="李四"))
        self.assertEqual(got.region, Region(province="广东", city="深圳", district=None))

    def test_update_and_conflict(self):
        c = self.store.create_customer(new_customer("王五", "13912345678", notes="n", owner="u1"))
        updated = self.store.update_customer(
            c.id,
            c.version,
            CustomerPatch(age_band=AgeBand.FROM35_TO44, clear=[CustomerField.NOTES, CustomerField.OWNER]),
        )
        self.assertEqual(updated.version, 2)
        self.assertEqual(updated.age_band, AgeBand.FROM35_TO44)
        self.assertIsNone(updated.notes)
        self.assertIsNone(updated.owner)

        with self.assertRaises(CrmError.Conflict) as ctx:
            self.store.update_customer(c.id, 1, CustomerPatch(name="王六"))
        self.assertEqual((ctx.exception.expected_version, ctx.exception.actual_version), (1, 2))
        self.assertEqual(self.store.get_customer(c.id).name, "王五")

    def test_duplicate_contact_names_the_field_and_the_customer(self):
        first = self.store.create_customer(new_customer("孙八", "13612345678"))
        second = new_customer(
            "孙八的妻子",
            None,
            contacts=[
                ContactInput(kind=ContactKind.WECHAT, value="sunba_wife"),
                mobile("136-1234-5678", primary=True),
            ],
        )
        with self.assertRaises(CrmError.DuplicateContact) as ctx:
            self.store.create_customer(second)
        self.assertEqual(ctx.exception.field, "contacts[1].value")
        self.assertEqual(ctx.exception.existing_id, first.id)
        self.assertEqual(self.store.count_customers(), 1, "nothing written")

    def test_invalid_input_names_the_field(self):
        s = self.store
        self.assertEqual(self.invalid_field(s.create_customer, new_customer(" ", "13812345678")), "name")
        self.assertEqual(
            self.invalid_field(s.create_customer, new_customer("赵六", "123")), "contacts[0].value"
        )
        self.assertEqual(self.invalid_field(s.list_customers, ListQuery(limit=-1)), "limit")
        c = s.create_customer(new_customer("赵六", "13812345678"))
        both = CustomerPatch(occupation="司机", clear=[CustomerField.OCCUPATION])
        self.assertEqual(self.invalid_field(s.update_customer, c.id, c.version, both), "occupation")
        self.assertEqual(self.invalid_field(s.list_customers, ListQuery(cursor="x")), "cursor")
        self.assertEqual(self.invalid_field(s.list_customers, ListQuery(limit=10_001)), "limit")

    def test_list_pages_with_the_cursor(self):
        ids = [self.store.create_customer(new_customer(f"客户{i}", f"1380000000{i}")).id for i in range(7)]
        seen, query, page_sizes = [], ListQuery(limit=3), []
        while True:
            page = self.store.list_customers(query)
            page_sizes.append(len(page.customers))
            seen += page.customers
            if page.next_cursor is None:
                break
            query = ListQuery(limit=3, cursor=page.next_cursor)
        self.assertEqual(page_sizes, [3, 3, 1])
        self.assertEqual(sorted(s.id for s in seen), sorted(ids), "every id once")
        # Newest first; customers created in the same millisecond by id, descending.
        newest_first = sorted(seen, key=lambda s: (s.created_at, s.id), reverse=True)
        self.assertEqual(seen, newest_first)
        self.assertEqual(len(self.store.list_customers().customers), 7)
        self.assertEqual(self.store.count_customers(), 7)

    def test_archive_restore_delete(self):
        c = self.store.create_customer(new_customer("钱七", "13712345678"))
        archived = self.store.archive_customer(c.id, c.version)
        self.assertIsNotNone(archived.archived_at)
        self.assertEqual(self.store.count_customers(), 0)
        self.assertEqual(self.store.count_customers(include_archived=True), 1)
        self.assertEqual(self.store.list_customers().customers, [])
        restored = self.store.restore_customer(c.id, archived.version)
        self.assertIsNone(restored.archived_at)
        self.assertEqual(restored.version, 3)

        self.store.delete_customer(c.id)
        with self.assertRaises(CrmError.NotFound) as ctx:
            self.store.get_customer(c.id)
        self.assertEqual(ctx.exception.id, c.id)
        with self.assertRaises(CrmError.NotFound):
            self.store.delete_customer(c.id)

    def test_one_store_shared_by_threads(self):
        errors = []

        def work(t):
            try:
                for i in range(5):
                    self.store.create_customer(new_customer(f"线程{t}-{i}", f"139111{t}000{i}"))
            except Exception as e:  # reported below
                errors.append(e)

        threads = [threading.Thread(target=work, args=(t,)) for t in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        self.assertEqual(self.store.count_customers(), 20)

    def test_database_too_new(self):
        path = os.path.join(self.dir.name, "too-new.sqlite3")
        con = sqlite3.connect(path)
        con.execute("PRAGMA user_version = 999")
        con.commit()
        con.close()
        with self.assertRaises(CrmError.DatabaseTooNew) as ctx:
            CrmStore(path)
        self.assertEqual(ctx.exception.found, 999)
        self.assertGreaterEqual(ctx.exception.supported, 1)
        con = sqlite3.connect(path)
        self.assertEqual(con.execute("PRAGMA user_version").fetchone()[0], 999, "file untouched")
        con.close()

    def test_storage_error_for_a_file_that_is_not_a_database(self):
        path = os.path.join(self.dir.name, "garbage.sqlite3")
        with open(path, "w") as f:
            f.write("this is not a database " * 200)
        with self.assertRaises(CrmError.Storage) as ctx:
            CrmStore(path)
        self.assertTrue(ctx.exception.detail)


    def test_storage_detail_names_no_path(self):
        path = os.path.join(self.dir.name, "missing-folder-9c1e", "private-name.sqlite3")
        with self.assertRaises(CrmError.Storage) as ctx:
            CrmStore(path)
        detail = ctx.exception.detail
        self.assertTrue(detail)
        self.assertNotIn("missing-folder-9c1e", detail)
        self.assertNotIn("private-name", detail)
        self.assertNotIn("missing-folder-9c1e", str(ctx.exception))

    def test_library_version(self):
        self.assertRegex(library_version(), r"^\d+\.\d+\.\d+")


class FeaturesTest(unittest.TestCase):
    """Search, filters, facets, saved views, duplicates and merging, briefly."""

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.dir.name, "features.sqlite3")
        self.store = CrmStore(self.path)
        s = self.store
        self.zhang = s.create_customer(
            new_customer(
                "张三",
                "138 1234 5678",
                source=SourceChannel.ONLINE_PLATFORM(platform="懂车帝"),
                tags=["VIP", "SUV"],
                importance=Importance.KEY,
            )
        )
        self.feng = s.create_customer(new_customer("张三丰", "139 5555 6666", tags=["suv"]))
        self.trial = [s.create_customer(new_customer(f"客户{i}", f"1360000{i:04}", tags=["试驾"])).id for i in range(7)]

    def tearDown(self):
        del self.store
        self.dir.cleanup()

    def test_quick_search_ranks_exact_before_prefix(self):
        def found(text, **options):
            return [(h.customer.id, h.tier) for h in self.store.search_customers(text, SearchOptions(**options))]

        exact_then_prefix = [(self.zhang.id, MatchTier.EXACT), (self.feng.id, MatchTier.PREFIX)]
        self.assertEqual(found("张三"), exact_then_prefix)
        self.assertEqual(found("zs"), exact_then_prefix)
        self.assertEqual(found("5678"), [(self.zhang.id, MatchTier.SUBSTRING)])
        self.assertEqual(len(found("zs", limit=1)), 1)
        with self.assertRaises(CrmError.InvalidInput) as ctx:
            self.store.search_customers(" ")
        self.assertEqual(ctx.exception.field, "query")

    def test_filter_pages_and_counts(self):
        flt = CustomerFilter(tags_any=["试驾"], channels=[SourceKind.SHOWROOM_WALK_IN])
        query, seen = CustomerQuery(filter=flt, sort=Sort(key=SortKey.NAME), limit=3), []
        while True:
            page = self.store.query_customers(query)
            seen += [c.id for c in page.customers]
            if page.next_cursor is None:
                break
            query = CustomerQuery(filter=flt, sort=Sort(key=SortKey.NAME), limit=3, cursor=page.next_cursor)
        self.assertEqual(sorted(seen), sorted(self.trial))
        self.assertEqual(self.store.count_matching(flt), 7)
        self.assertEqual(self.store.count_matching(CustomerFilter(tags_all=["SUV"])), 2)
        self.assertEqual(self.store.count_matching(CustomerFilter(platforms=["懂车帝"])), 1)
        self.assertEqual(self.store.count_matching(CustomerFilter(archived=ArchivedFilter.ARCHIVED)), 0)
        never = CustomerFilter(last_contact=LastContactFilter.NEVER())
        self.assertEqual(self.store.count_matching(never), 9)
        with self.assertRaises(CrmError.InvalidInput) as ctx:
            self.store.count_matching(CustomerFilter(birthday_months=[13]))
        self.assertEqual(ctx.exception.field, "birthday_months[0]")

    def test_facets(self):
        facets = self.store.facet_counts(CustomerFilter(tags_any=["suv"]))
        self.assertEqual({c.value: c.count for c in facets.channels}, {SourceKind.ONLINE_PLATFORM: 1, SourceKind.SHOWROOM_WALK_IN: 1})
        self.assertEqual(facets.tags, [FacetCount(value="SUV", count=2), FacetCount(value="VIP", count=1)])
        self.assertEqual({c.value: c.count for c in facets.importance}, {Importance.NORMAL: 1, Importance.KEY: 1})
        self.assertEqual(facets.platforms, [FacetCount(value="懂车帝", count=1)])

    def test_saved_view_lifecycle_survives_reopening(self):
        definition = ViewDefinition(
            filter=CustomerFilter(tags_any=["SUV"]),
            sort=Sort(key=SortKey.NAME),
            columns=[ListColumn.NAME, ListColumn.TAGS],
        )
        view = self.store.create_view("SUV 客户", definition)
        self.assertEqual(view.definition, definition)
        renamed = self.store.rename_view(view.id, view.version, "SUV")
        self.assertEqual((renamed.name, renamed.version), ("SUV", 2))
        with self.assertRaises(CrmError.Conflict):
            self.store.rename_view(view.id, 1, "x")
        with self.assertRaises(CrmError.InvalidInput) as ctx:
            self.store.create_view("suv", ViewDefinition())
        self.assertEqual((ctx.exception.field, ctx.exception.reason), ("name", "is already used"))
        self.assertEqual([c.id for c in self.store.run_view(view.id).customers], [self.zhang.id, self.feng.id])

        del self.store
        self.store = CrmStore(self.path)
        self.assertEqual(self.store.get_view(view.id), renamed)
        self.assertEqual(self.store.list_views(), [renamed])
        self.assertEqual(len(self.store.run_view(view.id, limit=1).customers), 1)
        self.store.delete_view(view.id)
        with self.assertRaises(CrmError.NotFound):
            self.store.get_view(view.id)

    def test_duplicates_and_merge(self):
        twin = new_customer(
            "张三的同事",
            None,
            contacts=[mobile("+86 138 1234 5678", primary=True), ContactInput(kind=ContactKind.WECHAT, value="zs_colleague")],
        )
        with self.assertRaises(CrmError.DuplicateContact) as ctx:
            self.store.create_customer(twin)
        self.assertEqual(ctx.exception.existing_id, self.zhang.id)
        self.assertEqual(
            self.store.check_duplicates([mobile("13812345678")]),
            [
                DuplicateContact(
                    field="contacts[0].value",
                    key="+8613812345678",
                    existing_id=self.zhang.id,
                    holder=DuplicateHolder.CUSTOMER(id=self.zhang.id),
                )
            ],
        )
        other = self.store.create_customer(twin, WriteOptions(allow_duplicates=True))
        merged = self.store.merge_customers(self.zhang.id, self.zhang.version, other.id, other.version)
        self.assertEqual((merged.id, merged.version), (self.zhang.id, 2))
        self.assertIn("zs_colleague", [c.key for c in merged.contacts])
        with self.assertRaises(CrmError.NotFound):
            self.store.get_customer(other.id)


def local_today(zone):
    """Today's date in IANA zone `zone`."""
    return datetime.datetime.now(zoneinfo.ZoneInfo(zone)).date()


class FollowUpsTest(unittest.TestCase):
    """Follow-ups, plans, the agenda, reminders, the timeline, templates and settings, briefly.

    A date-only plan set for today in Pacific/Pago_Pago (UTC-11) is one or two days overdue
    once the dealership's zone is Pacific/Kiritimati (UTC+14).
    """

    WEST, EAST = "Pacific/Pago_Pago", "Pacific/Kiritimati"

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.store = CrmStore(os.path.join(self.dir.name, "follow-ups.sqlite3"))
        self.zhang = self.store.create_customer(new_customer("张伟", "13300000001", owner="u1"))

    def tearDown(self):
        del self.store
        self.dir.cleanup()

    def call(self, at, content="问了预算"):
        return NewFollowUp(method=FollowUpMethod.PHONE, kind=FollowUpKind.NEEDS_DISCOVERY, at=at, content=content)

    def plan(self, time, purpose="确认试驾"):
        return NewPlan(time=time, method=FollowUpMethod.WECHAT, purpose=purpose)

    def test_log_with_next_plan_then_the_agenda_and_the_timeline(self):
        s = self.store
        s.set_time_zone(self.WEST)
        west_day = local_today(self.WEST)
        at = now_ms() - datetime.timedelta(hours=1)
        logged = s.log_follow_up(self.zhang.id, self.call(at), self.plan(PlanTime.ON_DATE(date=west_day)))
        self.assertEqual(s.open_plan(self.zhang.id), logged.next_plan)
        got = s.get_customer(self.zhang.id)
        self.assertEqual((got.last_contact_at, got.first_contacted_at), (at, at))
        self.assertEqual(got.intent_level, IntentLevel.N)

        self.assertEqual(s.set_time_zone(self.EAST).time_zone, self.EAST)
        east_day = local_today(self.EAST)
        items = s.agenda("u1", east_day)
        self.assertEqual([i.customer_id for i in items], [self.zhang.id])
        reason = items[0].reason
        self.assertIsInstance(reason, AgendaReason.PLAN_OVERDUE)
        self.assertEqual(reason.plan_id, logged.next_plan.id)
        self.assertEqual(reason.days_overdue, (east_day - west_day).days)
        self.assertTrue(items[0].overdue)

        page = s.timeline(self.zhang.id, limit=2)
        self.assertIsInstance(page.records[0].entry, TimelineEntry.PLAN_SET)
        self.assertIsInstance(page.records[1].entry, TimelineEntry.FOLLOW_UP_LOGGED)
        self.assertEqual(page.records[1].entry.follow_up_id, logged.follow_up.id)
        rest = s.timeline(self.zhang.id, limit=2, cursor=page.next_cursor)
        self.assertIsInstance(rest.records[0].entry, TimelineEntry.CUSTOMER_CREATED)
        self.assertIsNone(rest.next_cursor)

    def test_reminders_and_their_changes_since_a_token(self):
        s = self.store
        first = s.reminder_changes_since()
        self.assertTrue(first.full_refresh)
        due = now_ms() + datetime.timedelta(hours=3)
        plan = s.set_plan(self.zhang.id, self.plan(PlanTime.AT(at=due)))
        fire_at = due - datetime.timedelta(minutes=15)
        reminders = s.reminders(fire_at, fire_at + datetime.timedelta(seconds=1))
        self.assertEqual([(r.id, r.fire_at, r.channel) for r in reminders], [(f"{plan.id}@1", fire_at, ReminderChannel.IN_APP)])
        self.assertEqual(s.reminders(fire_at, fire_at + datetime.timedelta(seconds=1), owner="nobody"), [])
        self.assertEqual(s.reminders(fire_at, fire_at + datetime.timedelta(seconds=1), owner="u1"), reminders)
        added = s.reminder_changes_since(first.token)
        self.assertEqual((added.added, added.cancelled, added.full_refresh), ([f"{plan.id}@1"], [], False))
        moved = s.reschedule_plan(plan.id, plan.version, PlanTime.AT(at=due + datetime.timedelta(hours=1)))
        s.cancel_plan(plan.id, moved.version, "客户已购车")
        changes = s.reminder_changes_since(added.token)
        self.assertEqual((changes.added, changes.cancelled), ([], [f"{plan.id}@1"]))
        with self.assertRaises(CrmError.InvalidInput) as ctx:
            s.reminder_changes_since("not-a-token")
        self.assertEqual(ctx.exception.field, "token")

    def test_templates_render_with_chinese_aliases(self):
        s = self.store
        mine = s.add_template(
            NewTemplate(name="到店", purpose=TemplatePurpose.INVITATION, language=TemplateLanguage.ZH, body="{客户姓名}您好，{车型}已到店")
        )
        self.assertFalse(mine.starter)
        text = s.render_template(mine.key, TemplateLanguage.ZH, self.zhang.id, {"车型": "途观L"})
        self.assertEqual(text, "张伟您好，途观L已到店")
        with self.assertRaises(CrmError.InvalidInput) as ctx:
            s.render_template(mine.key, TemplateLanguage.ZH, self.zhang.id)
        self.assertEqual(ctx.exception.field, "values.model")
        starter = next(t for t in s.list_templates() if t.starter)
        with self.assertRaises(CrmError.InvalidInput) as ctx:
            s.update_template(starter.key, NewTemplate(name="x", purpose=starter.purpose, language=starter.language, body="{客户姓名}"))
        self.assertEqual(ctx.exception.field, "key")

    def test_bad_input_names_the_field(self):
        s = self.store
        future = now_ms() + datetime.timedelta(days=1)
        self.assertEqual(self.invalid_field(s.log_follow_up, self.zhang.id, self.call(future)), "at")
        blank_purpose = self.plan(PlanTime.AT(at=future), purpose=" ")
        self.assertEqual(self.invalid_field(s.log_follow_up, self.zhang.id, self.call(now_ms()), blank_purpose), "next.purpose")
        self.assertEqual(s.follow_ups_of(self.zhang.id), [])
        self.assertEqual(self.invalid_field(s.set_time_zone, "Mars/Olympus_Mons"), "time_zone")
        cadence = s.settings().cadence
        cadence.h_days = 0
        self.assertEqual(self.invalid_field(s.set_cadence, cadence), "h_days")

    def invalid_field(self, call, *args):
        with self.assertRaises(CrmError.InvalidInput) as ctx:
            call(*args)
        return ctx.exception.field


class PipelineTest(unittest.TestCase):
    """Vehicle intents and the pipeline, briefly (the Kotlin suite covers them in full)."""

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.store = CrmStore(os.path.join(self.dir.name, "pipeline.sqlite3"))
        self.wang = self.store.create_customer(new_customer("王五", "13900001111", owner="u1"))

    def tearDown(self):
        del self.store
        self.dir.cleanup()

    def test_an_intent_keeps_its_budget_in_fen(self):
        from crm_ffi import AmountRange, BodyType, NewVehicleIntent, TradeIn

        intent = self.store.add_intent(self.wang.id, NewVehicleIntent(
            brand="大众", body_type=BodyType.SUV,
            budget=AmountRange(min=18_000_000, max=22_000_000),
            trade_in=TradeIn(brand="大众", year=2016, appraised_value=3_500_000)))
        self.assertTrue(intent.primary)
        self.assertEqual(intent.budget.max, 22_000_000)
        self.assertEqual(self.store.intents_of(self.wang.id), [intent])
        with self.assertRaises(CrmError.InvalidInput) as ctx:
            self.store.add_intent(self.wang.id, NewVehicleIntent(
                brand="大众", budget=AmountRange(min=2, max=1)))
        self.assertEqual(ctx.exception.field, "intent.budget")

    def test_a_lost_request_waits_for_a_manager(self):
        from crm_ffi import LostReason, LostRequest, PipelineStatus, Stage

        self.store.advance_stage(self.wang.id, Stage.VISITED, actor="u1")
        self.store.request_lost(self.wang.id, LostRequest(reason=LostReason.PRICE), actor="u1")
        pending = self.store.pending_requests()
        self.assertEqual([p.customer_id for p in pending], [self.wang.id])
        done = self.store.reject_request(self.wang.id, "店长", reassign_to="u2")
        self.assertEqual(done.state.status, PipelineStatus.IN_STAGE(Stage.VISITED))
        self.assertEqual(self.store.get_customer(self.wang.id).owner, "u2")
        self.assertEqual(self.store.pending_requests(), [])
        with self.assertRaises(CrmError.InvalidInput) as ctx:
            self.store.advance_stage(self.wang.id, Stage.DELIVERED)
        self.assertEqual(ctx.exception.field, "move")

    def test_filters_by_stage_body_type_and_lost_reason(self):
        from crm_ffi import AmountRange, BodyType, LostReason, LostRequest, NewVehicleIntent, PipelineStatus, Stage

        li = self.store.create_customer(new_customer("李四", "13900002222"))
        self.store.add_intent(li.id, NewVehicleIntent(body_type=BodyType.SUV, budget=AmountRange(min=20_000_000)))
        self.store.advance_stage(li.id, Stage.VISITED)
        self.store.request_lost(self.wang.id, LostRequest(reason=LostReason.PRICE))

        def names(flt):
            return [c.name for c in self.store.query_customers(CustomerQuery(filter=flt)).customers]

        self.assertEqual(names(CustomerFilter(body_types=[BodyType.SUV])), ["李四"])
        self.assertEqual(names(CustomerFilter(stages=[PipelineStatus.IN_STAGE(Stage.VISITED)])), ["李四"])
        self.assertEqual(names(CustomerFilter(stages=[PipelineStatus.LOST_REQUESTED()])), ["王五"])
        self.assertEqual(names(CustomerFilter(lost_reasons=[LostReason.PRICE])), ["王五"])
        self.assertEqual(names(CustomerFilter(budget=AmountRange(max=19_000_000))), [])
        self.assertEqual(self.store.count_matching(CustomerFilter(has_trade_in=False)), 2)
        with self.assertRaises(CrmError.InvalidInput) as ctx:
            self.store.count_matching(CustomerFilter(ordered_from=datetime.date(2026, 3, 1),
                                                     ordered_to=datetime.date(2026, 2, 1)))
        self.assertEqual(ctx.exception.field, "ordered_to")


class VisitsAndReportsTest(unittest.TestCase):
    """Visits and a report, briefly (the Kotlin suite covers them in full)."""

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.store = CrmStore(os.path.join(self.dir.name, "visits.sqlite3"))
        self.start = now_ms() - datetime.timedelta(minutes=1)
        self.li = self.store.create_customer(new_customer("李雷", "13900005555", owner="u1"))
        self.han = self.store.create_customer(new_customer(
            "韩梅梅", "13900006666", owner="u1", source=SourceChannel.ONLINE_PLATFORM(platform="懂车帝")))

    def tearDown(self):
        del self.store
        self.dir.cleanup()

    def test_a_test_drive_done_with_feedback_and_a_no_show(self):
        from crm_ffi import NewVisit, Stage, VisitKind, VisitStatus

        s = self.store
        with self.assertRaises(CrmError.InvalidInput) as ctx:
            s.schedule_visit(self.li.id, NewVisit(kind=VisitKind.TEST_DRIVE, scheduled_at=now_ms()))
        self.assertEqual(ctx.exception.field, "visit.model")
        drive = s.schedule_visit(self.li.id, NewVisit(
            kind=VisitKind.TEST_DRIVE, scheduled_at=now_ms() + datetime.timedelta(hours=2), model="途观L"))
        self.assertEqual(drive.status, VisitStatus.SCHEDULED())
        at = now_ms()
        done = s.complete_visit(drive.id, drive.version, at, feedback="空间够大")
        self.assertEqual(done.status, VisitStatus.DONE(at, "空间够大"))
        self.assertEqual(s.pipeline_state(self.li.id).stage, Stage.TEST_DRIVEN)
        missed = s.schedule_visit(self.han.id, NewVisit(
            kind=VisitKind.STORE_VISIT, scheduled_at=now_ms() - datetime.timedelta(minutes=5)))
        no_show = s.no_show_visit(missed.id, missed.version)
        self.assertTrue(no_show.status.is_NO_SHOW())
        self.assertEqual(s.visits_of(self.han.id), [no_show])
        self.assertEqual(s.get_visit(done.id), done)

    def test_the_funnel_of_the_period(self):
        from crm_ffi import ReportPeriod, Stage

        s = self.store
        s.advance_stage(self.li.id, Stage.NEGOTIATING)
        period = ReportPeriod(_from=self.start, to=now_ms() + datetime.timedelta(minutes=1))
        funnel = s.funnel_report(period)
        self.assertEqual(funnel.cohort, 2)
        self.assertEqual([r.customers for r in funnel.rows], [2, 1, 1, 1, 1, 1, 0, 0])
        # Moved straight to negotiating: the stages before it were skipped, not reached.
        self.assertEqual([r.reached for r in funnel.rows], [2, 0, 0, 0, 0, 1, 0, 0])
        self.assertEqual([r.skipped for r in funnel.rows], [0, 1, 1, 1, 1, 0, 0, 0])
        self.assertEqual([r.conversion_bp for r in funnel.rows], [None, 5000, 10000, 10000, 10000, 10000, 0, None])
        online = next(r for r in s.channel_report(period).rows if r.kind == SourceKind.ONLINE_PLATFORM)
        self.assertEqual((online.leads, online.visits), (1, 0))
        with self.assertRaises(CrmError.InvalidInput) as ctx:
            s.funnel_report(ReportPeriod(_from=self.start, to=self.start))
        self.assertEqual(ctx.exception.field, "to")

    def test_a_report_narrowed_by_a_customer_filter(self):
        from crm_ffi import PipelineStatus, ReportPeriod, Stage

        s = self.store
        s.advance_stage(self.li.id, Stage.NEGOTIATING)
        end = now_ms() + datetime.timedelta(minutes=1)
        negotiating = CustomerFilter(stages=[PipelineStatus.IN_STAGE(Stage.NEGOTIATING)])
        funnel = s.funnel_report(ReportPeriod(_from=self.start, to=end, customers=negotiating))
        self.assertEqual(funnel.cohort, 1)
        self.assertEqual([r.customers for r in funnel.rows], [1, 1, 1, 1, 1, 1, 0, 0])
        online = CustomerFilter(channels=[SourceKind.ONLINE_PLATFORM])
        channels = s.channel_report(ReportPeriod(_from=self.start, to=end, customers=online))
        self.assertEqual((channels.total.leads, channels.total.visits), (1, 0))
        with self.assertRaises(CrmError.InvalidInput) as ctx:
            s.funnel_report(ReportPeriod(_from=self.start, to=end,
                                         customers=CustomerFilter(birthday_months=[13])))
        self.assertEqual(ctx.exception.field, "customers.birthday_months[0]")


# Care after the sale: its names are imported here, next to the class that uses them.
import json  # noqa: E402

from crm_ffi import (  # noqa: E402
    CareDetail,
    CareTaskKind,
    CareTaskQuery,
    CareTaskStatus,
    CareTaskStatusKind,
    ConsentChange,
    ConsentChannel,
    ConsentSource,
    ConsentState,
    NewCar,
    OdometerSource,
)


class CareTest(unittest.TestCase):
    """Cars, care tasks, consent and the care rules (JSON), briefly. Dates are Shanghai's."""

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.store = CrmStore(os.path.join(self.dir.name, "care.sqlite3"))
        self.store.set_time_zone("Asia/Shanghai")
        self.today = datetime.datetime.now(zoneinfo.ZoneInfo("Asia/Shanghai")).date()
        self.owner = self.store.create_customer(new_customer("王芳", "13300000009", owner="u1"))
        self.delivered = self.today - datetime.timedelta(days=5)
        self.car = self.store.record_car(
            self.owner.id, NewCar(brand="丰田", model="凯美瑞", delivered_on=self.date(self.delivered))
        )

    def tearDown(self):
        del self.store
        self.dir.cleanup()

    @staticmethod
    def date(d):
        return datetime.date(d.year, d.month, d.day)

    def run_year(self):
        return self.store.generate_care(self.date(self.delivered), self.date(self.delivered + datetime.timedelta(days=365)))

    def open_tasks(self):
        query = CareTaskQuery(customer_id=self.owner.id, status=CareTaskStatusKind.OPEN, limit=1000)
        return self.store.care_tasks(query)

    def test_a_delivery_gives_tasks_that_close_and_reach_the_agenda(self):
        s = self.store
        self.assertEqual([c.id for c in s.cars_of(self.owner.id)], [self.car.id])
        first = self.run_year()
        self.assertGreater(first.added, 0)
        self.assertEqual(self.run_year().unchanged, first.added)
        d3 = next(t for t in self.open_tasks() if t.detail == CareDetail.DELIVERY_CALL(call="d3"))
        self.assertEqual(d3.kind, CareTaskKind.DELIVERY_CALL)
        agenda = s.agenda("u1", self.date(self.today))
        self.assertIn(d3.key, [i.reason.key for i in agenda if isinstance(i.reason, AgendaReason.CARE_TASK)])
        done = s.complete_care_task(d3.key, "已回访")
        self.assertIsInstance(done.status, CareTaskStatus.DONE)
        self.assertEqual(done.status.outcome, "已回访")
        snoozed = s.snooze_care_task(self.open_tasks()[0].key, self.date(self.today + datetime.timedelta(days=3)))
        self.assertIsInstance(snoozed.status, CareTaskStatus.SNOOZED)
        s.record_odometer(self.car.id, self.date(self.today), 800, OdometerSource.SERVICE_VISIT)
        self.assertEqual([r.km for r in s.odometer_readings_of(self.car.id)], [800])

    def test_greetings_need_consent_and_go_when_it_is_withdrawn(self):
        s = self.store
        greetings = {CareTaskKind.HOLIDAY, CareTaskKind.PURCHASE_ANNIVERSARY}
        never_asked = self.run_year()
        self.assertGreater(never_asked.blocked_by_consent, 0)
        self.assertFalse(any(t.kind in greetings for t in self.open_tasks()))
        s.set_consent(self.owner.id, ConsentChange(channel=ConsentChannel.SMS, state=ConsentState.GRANTED, source=ConsentSource.PAPER_FORM))
        self.run_year()
        self.assertTrue(any(t.kind in greetings and t.channel == ConsentChannel.SMS for t in self.open_tasks()))
        for channel in (ConsentChannel.WECHAT, ConsentChannel.SMS, ConsentChannel.EMAIL):
            s.set_consent(self.owner.id, ConsentChange(channel=channel, state=ConsentState.WITHDRAWN, source=ConsentSource.PAPER_FORM))
        self.assertEqual(len(s.consent_of(self.owner.id)), 3)
        run = self.run_year()
        self.assertGreater(run.removed, 0)
        self.assertGreater(run.blocked_by_consent, 0)
        self.assertFalse(any(t.kind in greetings for t in self.open_tasks()))

    def test_rules_json_and_bad_input(self):
        s = self.store
        rules = json.loads(s.care_rules_json())
        rules["maintenance"]["every_km"] = 7500
        self.assertEqual(json.loads(s.set_care_rules_json(json.dumps(rules)))["maintenance"]["every_km"], 7500)
        with self.assertRaises(CrmError.InvalidInput) as ctx:
            s.set_care_rules_json("[]")
        self.assertEqual(ctx.exception.field, "rules")
        with self.assertRaises(CrmError.InvalidInput) as ctx:
            s.record_car(self.owner.id, NewCar(brand="丰田", model=" ", delivered_on=self.date(self.today)))
        self.assertEqual(ctx.exception.field, "model")
        self.run_year()
        task = self.open_tasks()[0]
        with self.assertRaises(CrmError.InvalidInput) as ctx:
            s.complete_care_task(task.key, " ")
        self.assertEqual(ctx.exception.field, "outcome")
        with self.assertRaises(CrmError.NotFound):
            s.complete_care_task("birthday:nobody:2027", "ok")


if __name__ == "__main__":
    unittest.main()


class PrivacyTest(unittest.TestCase):
    """A customer's data on request: one JSON document, theirs and nobody else's."""

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.store = CrmStore(os.path.join(self.dir.name, "privacy.sqlite3"))

    def tearDown(self):
        del self.store
        self.dir.cleanup()

    def test_export_customer_is_a_versioned_document_of_their_data_only(self):
        wang = self.store.create_customer(new_customer("王导出", "13800138123", owner="u1"))
        self.store.create_customer(new_customer("李别人", "13900139123", owner="u1"))
        doc = json.loads(self.store.export_customer(wang.id))
        self.assertEqual(doc["format"], "dealer-crm.customer-export")
        self.assertEqual(doc["format_version"], 1)
        self.assertEqual(doc["customer"]["id"], wang.id)
        self.assertEqual(doc["customer"]["contacts"][0]["value"], "13800138123")
        self.assertEqual([e["entry"]["event"] for e in doc["timeline"]][:1], ["customer_created"])
        self.assertNotIn("李别人", json.dumps(doc, ensure_ascii=False))
        with self.assertRaises(CrmError.NotFound):
            self.store.export_customer("0190a0b1-0000-7000-8000-000000000099")

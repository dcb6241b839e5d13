"""Deals (销售机会) through the generated Python bindings: the first deal is the customer's
pipeline; a lost customer comes back a year later through a new deal; two open deals with
two owners are moved by their ids, and the customer-based calls name `deal_id`."""

import os
import tempfile
import unittest

from crm_ffi import (
    ContactInput,
    ContactKind,
    CrmError,
    DealMove,
    DealSource,
    DealStatus,
    LostReason,
    LostRequest,
    NewCustomer,
    NewDeal,
    SourceChannel,
    Stage,
)

from blocking import CrmStore


def new_customer(name, phone):
    return NewCustomer(
        name=name,
        contacts=[ContactInput(kind=ContactKind.MOBILE, value=phone)],
        source=SourceChannel.SHOWROOM_WALK_IN(),
        owner="u1",
    )


class DealsTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.store = CrmStore(os.path.join(self.dir.name, "deals.sqlite3"))

    def tearDown(self):
        del self.store
        self.dir.cleanup()

    def invalid_field(self, call, *args, **kwargs):
        with self.assertRaises(CrmError.InvalidInput) as ctx:
            call(*args, **kwargs)
        return ctx.exception.field

    def test_a_lost_customer_comes_back_through_a_new_deal(self):
        c = self.store.create_customer(new_customer("吴九", "13900005555"))
        [first] = self.store.deals_of(c.id)
        self.assertEqual(first.id, c.id)
        self.store.request_lost(c.id, LostRequest(reason=LostReason.PRICE), actor="u1")
        self.store.approve_request(c.id, "m1")
        self.assertEqual(self.store.get_deal(first.id).status, DealStatus.LOST)
        again = self.store.open_deal(c.id, NewDeal(source=DealSource.REPEAT_PURCHASE))
        self.assertEqual(again.status, DealStatus.OPEN)
        self.assertEqual(self.store.pipeline_state(c.id).stage, Stage.NEW_LEAD)
        self.store.advance_stage(c.id, Stage.CONTACTED, actor="u1")
        self.assertEqual(self.store.get_deal(again.id).stage, Stage.CONTACTED)
        self.assertEqual(self.store.get_deal(first.id).status, DealStatus.LOST)

    def test_two_open_deals_are_moved_by_their_ids(self):
        c = self.store.create_customer(new_customer("郑十", "13900006666"))
        mine = self.store.deals_of(c.id)[0]
        self.assertEqual(
            self.invalid_field(self.store.open_deal, c.id, NewDeal(source=DealSource.ADDITIONAL_CAR)),
            "owner",
        )
        theirs = self.store.open_deal(c.id, NewDeal(source=DealSource.REFERRAL, owner="u2"))
        self.assertEqual(self.invalid_field(self.store.advance_stage, c.id, Stage.CONTACTED), "deal_id")
        self.store.move_deal(theirs.id, DealMove.ADVANCE(to=Stage.VISITED), actor="u2")
        self.store.move_deal(mine.id, DealMove.ADVANCE(to=Stage.INVITED), actor="u1")
        self.assertEqual(
            [d.stage for d in self.store.deals_of(c.id)], [Stage.INVITED, Stage.VISITED]
        )


if __name__ == "__main__":
    unittest.main()

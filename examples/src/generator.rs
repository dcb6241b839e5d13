//! A deterministic generator of a realistic dealership's customer book.
//!
//! [`generate`] yields [`CustomerImport`]s ready for `Store::import_customers`: Chinese names
//! (weighted surnames, compound ones like 欧阳 included, given names that fit the gender),
//! unique Chinese mobile numbers typed the way people type them (`138 1234 5678`,
//! `+86 ...`, full-width digits), sometimes a WeChat ID or an e-mail address, a believable
//! channel mix (walk-in ~30 %, online platforms ~35 %, referral ~10 % ...), tags,
//! importance, an owner among [`CONSULTANTS`] (of one of several showrooms in a big book),
//! age, region, first contact, notes, and a creation time within the 18 months before the
//! anchor.
//!
//! **Determinism.** Customer `i` depends only on `(seed, anchor, i)` and, for its creation
//! time and its owner's showroom, the size of the book: it is drawn from its own ChaCha8 stream
//! (`ChaCha8Rng::seed_from_u64(seed)` with stream `i`). The same seed and anchor give the
//! same customers in the same order (names, phones and the rest do not depend on `count`),
//! and any customer can be rebuilt alone with [`Generator::customer`] (handy for benchmarks
//! that look customers up).
//!
//! **Time.** [`generate`] yields a book in arrival order: creation times rise with the
//! index, following a distribution with growth, busy weekends, Golden Week and opening
//! hours (China time), never after the anchor.
//!
//! **Uniqueness.** Phone numbers are a keyed bijection of the index (see `phones.rs`), so no
//! two customers of one seed share a number; WeChat IDs and e-mail addresses are built
//! around the same unique value and never collide either.
//!
//! **Memory.** [`Customers`] is a lazy iterator; [`Customers::chunks`] hands out batches for
//! one transaction each, so 200,000 customers never sit in memory at once.

mod arrivals;
mod channels;
mod consultants;
mod details;
pub mod follow_ups;
mod names;
mod online_ids;
mod phones;
pub mod pipeline;
mod weighted;

pub use arrivals::HISTORY_DAYS;
pub use channels::ONLINE_PLATFORMS;
pub use consultants::{
    consultant_id, consultant_name, showrooms, Consultant, CONSULTANTS, CUSTOMERS_PER_SHOWROOM,
};

use arrivals::Age;
use chrono::{DateTime, Utc};
use crm_core::{ContactInput, ContactKind, NewCustomer};
use crm_store::CustomerImport;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use weighted::chance;

/// The stream that keys the phone-number permutation; customer streams are their indexes,
/// which stay far below it.
const KEY_STREAM: u64 = u64::MAX;

/// Generates the customers of one demo dealership.
#[derive(Debug, Clone)]
pub struct Generator {
    base: ChaCha8Rng,
    anchor: DateTime<Utc>,
    phones: phones::PhoneBook,
    arrivals: arrivals::Arrivals,
    book_size: Option<u64>,
}

impl Generator {
    /// A generator for `seed`, with creation times in the 18 months before `anchor`, each
    /// customer's drawn on its own (so in no particular order; see
    /// [`Generator::with_book_size`]).
    ///
    /// Generated instants never lie after `anchor`, so the customers validate as long as the
    /// anchor is not in the future.
    pub fn new(seed: u64, anchor: DateTime<Utc>) -> Self {
        let base = ChaCha8Rng::seed_from_u64(seed);
        let mut keys = base.clone();
        keys.set_stream(KEY_STREAM);
        Self {
            phones: phones::PhoneBook::new(&mut keys),
            base,
            anchor,
            arrivals: arrivals::Arrivals::new(anchor),
            book_size: None,
        }
    }

    /// The same generator for a book of `size` customers: customers `0..size` then arrive
    /// in chronological order (customer `i` at the `(i + u) / size` quantile of the arrival
    /// distribution, `u` drawn from its stream), as a real book grows; and a book of more
    /// than [`CUSTOMERS_PER_SHOWROOM`] is a dealer group whose showrooms take customer `i` in
    /// turn (`i` modulo their number), each with its own consultants ([`consultant_id`]).
    /// This only changes creation and first-contact times and the owner's showroom;
    /// everything else about a customer stays the same.
    /// It also makes imports faster: ids (UUIDv7, by creation time) then come in order.
    pub fn with_book_size(mut self, size: u64) -> Self {
        self.book_size = Some(size);
        self
    }

    /// How many customers one generator can produce: one per unique mobile number it can
    /// hand out (about 2.7 billion).
    pub fn capacity() -> u64 {
        phones::capacity()
    }

    /// The instant before which every customer is created.
    pub fn anchor(&self) -> DateTime<Utc> {
        self.anchor
    }

    /// Customer number `index`, or `None` from [`Generator::capacity`] on.
    pub fn customer(&self, index: u64) -> Option<CustomerImport> {
        let mobile = self.phones.mobile(index)?;
        let mut rng = self.base.clone();
        rng.set_stream(index);
        let rng = &mut rng;

        let gender = names::gender(rng);
        let name = names::person(rng, gender);
        let u: f64 = rng.random();
        let quantile = match self.book_size {
            Some(size) if index < size => (index as f64 + u) / size as f64,
            _ => u,
        };
        let created_at = self.arrivals.at(quantile);
        let source = channels::source(rng);

        let mut contacts =
            vec![
                ContactInput::new(ContactKind::Mobile, phones::typed(rng, mobile.number)).primary(),
            ];
        if chance(rng, 35) {
            let id = online_ids::wechat(rng, &name, mobile.token, mobile.number);
            contacts.push(ContactInput::new(ContactKind::Wechat, id));
        }
        if chance(rng, 8) {
            let address = online_ids::email(rng, &name, mobile.token);
            contacts.push(ContactInput::new(ContactKind::Email, address));
        }

        let tags = details::tags(rng, &source);
        let importance = details::importance(rng, &tags);
        // Showrooms take turns by index: each gets customers of every month.
        let showroom = match self.book_size {
            Some(size) if index < size => index % showrooms(size),
            _ => 0,
        };
        let owner = consultants::owner(rng, showroom);
        let (birthday, age_band) = match arrivals::age(rng, self.anchor) {
            Age::Birthday(day) => (Some(day), None),
            Age::Band(band) => (None, Some(band)),
            Age::Unknown => (None, None),
        };
        let region = details::region(rng);
        let occupation = details::occupation(rng);
        let first_contact = channels::first_contact(rng, &source, created_at);
        let notes = details::notes(rng);

        Some(CustomerImport {
            customer: NewCustomer {
                name: name.full,
                gender,
                birthday,
                age_band,
                occupation,
                region,
                notes,
                contacts,
                source,
                first_contact,
                tags,
                importance,
                owner,
            },
            created_at,
        })
    }

    /// Customers `0..count` (at most [`Generator::capacity`]) of a book of that size (see
    /// [`Generator::with_book_size`]), lazily, in arrival order.
    pub fn customers(self, count: u64) -> Customers {
        let end = count.min(Self::capacity());
        Customers {
            end,
            next: 0,
            generator: self.with_book_size(end),
        }
    }
}

/// The `count` customers of the dealership of `seed`, created in the 18 months before
/// `anchor`, lazily and in arrival order (at most [`Generator::capacity`]).
///
/// ```
/// use chrono::{TimeZone, Utc};
/// let anchor = Utc.with_ymd_and_hms(2026, 11, 27, 8, 0, 0).unwrap();
/// for batch in crm_examples::generator::generate(7, 12_000, anchor).chunks(5_000) {
///     assert!(batch.len() <= 5_000);
///     // store.import_customers(&batch)?;
/// }
/// ```
pub fn generate(seed: u64, count: usize, anchor: DateTime<Utc>) -> Customers {
    Generator::new(seed, anchor).customers(u64::try_from(count).unwrap_or(u64::MAX))
}

/// A lazy run of generated customers (see [`generate`]).
#[derive(Debug, Clone)]
pub struct Customers {
    generator: Generator,
    next: u64,
    end: u64,
}

impl Customers {
    /// The same customers in batches of `size` (at least 1): one transaction each.
    pub fn chunks(self, size: usize) -> Chunks {
        Chunks {
            customers: self,
            size: size.max(1),
        }
    }
}

impl Iterator for Customers {
    type Item = CustomerImport;

    fn next(&mut self) -> Option<CustomerImport> {
        if self.next >= self.end {
            return None;
        }
        let customer = self.generator.customer(self.next);
        self.next += 1;
        customer
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = usize::try_from(self.end - self.next).unwrap_or(usize::MAX);
        (left, Some(left))
    }
}

impl ExactSizeIterator for Customers {}

/// Generated customers in batches (see [`Customers::chunks`]).
#[derive(Debug, Clone)]
pub struct Chunks {
    customers: Customers,
    size: usize,
}

impl Iterator for Chunks {
    type Item = Vec<CustomerImport>;

    fn next(&mut self) -> Option<Vec<CustomerImport>> {
        let batch: Vec<_> = self.customers.by_ref().take(self.size).collect();
        (!batch.is_empty()).then_some(batch)
    }
}

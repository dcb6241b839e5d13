//! Merging two records of one person (合并重复客户): what the kept record takes from the other.

use crate::customer::contact::ContactInput;
use crate::customer::profile::{CustomerProfile, Gender, NewCustomer};
use crate::validation::ValidationError;
use chrono::{DateTime, Utc};

impl CustomerProfile {
    /// This profile with `other` merged in: contacts united (ours first, our primary stays
    /// primary, theirs added when their key is new), tags united, the higher importance, and
    /// every field we lack filled from `other` (the earlier first contact wins). Validated as
    /// a whole; more than the contact cap fails naming `contacts`.
    pub fn merged_with(
        &self,
        other: &CustomerProfile,
        now: DateTime<Utc>,
    ) -> Result<CustomerProfile, ValidationError> {
        let mut next = NewCustomer::from(self);
        for c in &other.contacts {
            if !self.contacts.iter().any(|k| k.key == c.key) {
                next.contacts.push(ContactInput {
                    primary: false,
                    ..ContactInput::from(c)
                });
            }
        }
        next.tags.extend(other.tags.iter().cloned());
        next.importance = self.importance.max(other.importance);
        if next.gender == Gender::Unspecified {
            next.gender = other.gender;
        }
        if next.birthday.is_none() && next.age_band.is_none() {
            next.birthday = other.birthday;
            next.age_band = other.age_band;
        }
        fill(&mut next.occupation, &other.occupation);
        fill(&mut next.notes, &other.notes);
        fill(&mut next.owner, &other.owner);
        fill(&mut next.region.province, &other.region.province);
        fill(&mut next.region.city, &other.region.city);
        fill(&mut next.region.district, &other.region.district);
        next.first_contact = match (&self.first_contact, &other.first_contact) {
            (Some(a), Some(b)) if b.at < a.at => Some(b.clone()),
            (None, b) => b.clone(),
            (a, _) => a.clone(),
        };
        next.validate(now)
    }
}

fn fill<T: Clone>(ours: &mut Option<T>, theirs: &Option<T>) {
    if ours.is_none() {
        ours.clone_from(theirs);
    }
}

#[cfg(test)]
mod tests {
    use crate::{ContactInput, ContactKind, Importance, NewCustomer, SourceChannel};
    use chrono::TimeZone;

    #[test]
    fn the_kept_record_wins_and_gaps_are_filled() {
        let now = chrono::Utc.with_ymd_and_hms(2026, 11, 27, 0, 0, 0).unwrap();
        let mut a = NewCustomer::new(
            "张三",
            ContactInput::new(ContactKind::Mobile, "13812345678"),
            SourceChannel::AutoShow,
        );
        a.tags = vec!["VIP".into()];
        let mut b = NewCustomer::new(
            "张叁",
            ContactInput::new(ContactKind::Mobile, "138 1234 5678"),
            SourceChannel::PhoneHotline,
        );
        b.contacts
            .push(ContactInput::new(ContactKind::Wechat, "zhangsan88"));
        b.tags = vec!["vip".into(), "SUV".into()];
        b.occupation = Some("医生".into());
        b.importance = Importance::Key;
        let merged = a
            .validate(now)
            .unwrap()
            .merged_with(&b.validate(now).unwrap(), now)
            .unwrap();
        assert_eq!(merged.name, "张三");
        assert_eq!(
            merged.contacts.len(),
            2,
            "the same number twice is one contact"
        );
        assert!(merged.contacts[0].primary && !merged.contacts[1].primary);
        assert_eq!(merged.tags, vec!["VIP", "SUV"]);
        assert_eq!(merged.occupation.as_deref(), Some("医生"));
        assert_eq!(merged.importance, Importance::Key);
        assert_eq!(merged.source, SourceChannel::AutoShow);
    }
}

//! The starter set of message templates (内置话术), in Chinese and English: data, not code.
//! Every key exists in both languages; the app offers them until the user writes their own.

use crate::follow_up::template::{MessageTemplate, TemplateLanguage, TemplatePurpose};

use TemplateLanguage::{En, Zh};
use TemplatePurpose::{Care, Greeting, Invitation, QuoteFollowUp};

/// One row: key, purpose, language, name, body.
type Row = (
    &'static str,
    TemplatePurpose,
    TemplateLanguage,
    &'static str,
    &'static str,
);

const STARTER: &[Row] = &[
    // Greetings.
    (
        "greeting.after_visit",
        Greeting,
        Zh,
        "到店后感谢",
        "{客户称呼}您好，我是{门店}的销售顾问{销售顾问}。感谢您今天抽空到店了解{车型}！关于配置、价格或试驾有任何问题，随时联系我：{联系电话}。",
    ),
    (
        "greeting.after_visit",
        Greeting,
        En,
        "Thanks for visiting",
        "Hello {customer_title}, this is {salesperson}, your sales consultant at {store}. Thank you for coming in to look at the {model} today! If you have any questions about trims, pricing or a test drive, call me any time on {salesperson_phone}.",
    ),
    (
        "greeting.online_lead",
        Greeting,
        Zh,
        "线上咨询首次回复",
        "{客户称呼}您好，我是{门店}的销售顾问{销售顾问}。看到您在网上咨询了{车型}，想跟您简单了解一下用车需求，好帮您推荐合适的配置和优惠。您现在方便接电话吗？",
    ),
    (
        "greeting.online_lead",
        Greeting,
        En,
        "First reply to an online inquiry",
        "Hello {customer_title}, this is {salesperson} from {store}. I saw your inquiry about the {model} and would love to hear what you need from a car, so I can suggest the right trim and current offers. Is now a good time for a quick call?",
    ),
    // Invitations.
    (
        "invitation.test_drive",
        Invitation,
        Zh,
        "试驾邀约",
        "{客户称呼}您好，{车型}的试驾车已经准备好了。给您预约{日期} {时间}来店试驾，您看方便吗？门店地址：{门店地址}。到了给我打电话，我在门口接您。——{销售顾问} {联系电话}",
    ),
    (
        "invitation.test_drive",
        Invitation,
        En,
        "Test-drive invitation",
        "Hello {customer_title}, the {model} demo car is ready for you. Shall I book your test drive for {date} at {time}? We are at {store_address}. Give me a call when you arrive and I will meet you at the door. – {salesperson}, {salesperson_phone}",
    ),
    (
        "invitation.event",
        Invitation,
        Zh,
        "活动邀约",
        "{客户称呼}您好，{门店}将于{日期}举办{活动}，现场有{车型}的专属购车优惠和试驾体验，名额有限。需要我帮您预留一个名额吗？",
    ),
    (
        "invitation.event",
        Invitation,
        En,
        "Event invitation",
        "Hello {customer_title}, {store} is holding {event} on {date}, with exclusive offers on the {model} and test drives on site. Places are limited. Shall I save one for you?",
    ),
    // Quote follow-ups.
    (
        "quote.follow_up",
        QuoteFollowUp,
        Zh,
        "报价跟进",
        "{客户称呼}您好，上次给您报的{车型}落地价是{报价}，这个价格{日期}前有效。您考虑得怎么样了？如果对配置或贷款方案还有疑问，我可以再帮您详细算一下。",
    ),
    (
        "quote.follow_up",
        QuoteFollowUp,
        En,
        "Quote follow-up",
        "Hello {customer_title}, following up on my quote for the {model}: {price} on the road, valid until {date}. Have you had a chance to think it over? If you have questions about the trim or finance options, I am happy to run the numbers again.",
    ),
    (
        "quote.price_change",
        QuoteFollowUp,
        Zh,
        "价格调整通知",
        "{客户称呼}您好，告诉您一个好消息：您关注的{车型}本月有新的优惠政策，落地价可以做到{报价}。名额有限，您看这周哪天方便来店详谈？",
    ),
    (
        "quote.price_change",
        QuoteFollowUp,
        En,
        "Price update",
        "Hello {customer_title}, good news: there is a new offer on the {model} this month, bringing the on-the-road price to {price}. It is limited, so which day this week would suit you to come in and talk it through?",
    ),
    // Care.
    (
        "care.after_delivery",
        Care,
        Zh,
        "交车后回访",
        "{客户称呼}您好，再次感谢您选择{门店}！新车{车型}开了几天感觉怎么样？用车中有任何问题都可以随时找我。祝您用车愉快！——{销售顾问}",
    ),
    (
        "care.after_delivery",
        Care,
        En,
        "After delivery",
        "Hello {customer_title}, thank you again for choosing {store}! How are the first days with your new {model}? If anything comes up, just call me. Enjoy the drive! – {salesperson}",
    ),
    (
        "care.maintenance",
        Care,
        Zh,
        "保养提醒",
        "{客户称呼}您好，您的{车型}快到保养时间了，建议您在{日期}前到店保养，提前预约可以减少等待。预约电话：{联系电话}，地址：{门店地址}。",
    ),
    (
        "care.maintenance",
        Care,
        En,
        "Service reminder",
        "Hello {customer_title}, your {model} is due for its service. We recommend coming in before {date}; booking ahead saves you waiting. Call {salesperson_phone} to book. We are at {store_address}.",
    ),
    (
        "care.birthday",
        Care,
        Zh,
        "生日祝福",
        "{客户称呼}，祝您生日快乐！{门店}全体同事祝您身体健康、万事如意、一路平安！——{销售顾问}",
    ),
    (
        "care.birthday",
        Care,
        En,
        "Birthday wishes",
        "Happy birthday, {customer_title}! Everyone at {store} wishes you good health, every success and safe travels. – {salesperson}",
    ),
    (
        "care.holiday",
        Care,
        Zh,
        "节日问候",
        "{客户称呼}您好，{活动}将至，{门店}{销售顾问}祝您和家人节日快乐、阖家幸福！出行前记得检查胎压和油量，一路平安。",
    ),
    (
        "care.holiday",
        Care,
        En,
        "Holiday greetings",
        "Hello {customer_title}, with {event} coming up, {salesperson} and everyone at {store} wish you and your family a happy holiday! Before a long trip, remember to check your tyre pressure and fuel. Safe travels.",
    ),
    (
        "care.insurance_renewal",
        Care,
        Zh,
        "续保提醒",
        "{客户称呼}您好，您的{车型}保险将于{日期}到期。{门店}可以帮您比较续保方案、一站办好，到期前办理不耽误用车。咨询电话：{联系电话}。——{销售顾问}",
    ),
    (
        "care.insurance_renewal",
        Care,
        En,
        "Insurance renewal",
        "Hello {customer_title}, the insurance on your {model} ends on {date}. {store} can compare renewal offers and take care of the paperwork, so you stay covered without a gap. Call {salesperson_phone} to renew. – {salesperson}",
    ),
    (
        "care.inspection",
        Care,
        Zh,
        "年检提醒",
        "{客户称呼}您好，您的{车型}快到年检时间了，请在{日期}前办理。{门店}可以帮您预约检测，需要的话联系我：{联系电话}。——{销售顾问}",
    ),
    (
        "care.inspection",
        Care,
        En,
        "Inspection reminder",
        "Hello {customer_title}, your {model} is due for its annual inspection by {date}. {store} can book it for you; just call me on {salesperson_phone}. – {salesperson}",
    ),
    (
        "care.purchase_anniversary",
        Care,
        Zh,
        "购车周年",
        "{客户称呼}您好，今天是您在{门店}喜提{车型}的周年纪念日！感谢您一路以来的信任，祝您用车顺心、出行平安。——{销售顾问}",
    ),
    (
        "care.purchase_anniversary",
        Care,
        En,
        "Purchase anniversary",
        "Hello {customer_title}, today marks another year since you drove your {model} home from {store}! Thank you for your trust; we wish you many more safe and happy miles. – {salesperson}",
    ),
    (
        "care.referral",
        Invitation,
        Zh,
        "转介绍邀请",
        "{客户称呼}您好，{车型}开着还满意吗？如果身边有朋友也在看车，欢迎推荐给我，{门店}会为您和朋友准备专属礼遇。联系电话：{联系电话}。——{销售顾问}",
    ),
    (
        "care.referral",
        Invitation,
        En,
        "Referral invitation",
        "Hello {customer_title}, are you enjoying your {model}? If friends of yours are looking for a car, I would be glad to help them, and {store} has a thank-you gift for you both. Call me on {salesperson_phone}. – {salesperson}",
    ),
];

/// The starter templates, in the table's order (purpose by purpose, Chinese then English).
pub fn starter_templates() -> Vec<MessageTemplate> {
    STARTER
        .iter()
        .map(|&(key, purpose, language, name, body)| MessageTemplate {
            key: key.to_owned(),
            name: name.to_owned(),
            purpose,
            language,
            body: body.to_owned(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::follow_up::template::{NewTemplate, Placeholder, TemplateValues};
    use crate::validation::Code;
    use std::collections::HashSet;

    #[test]
    fn every_starter_template_is_valid_and_renders_fully() {
        let all = Placeholder::ALL.iter().fold(TemplateValues::new(), |v, p| {
            v.with(*p, format!("<{}>", p.code()))
        });
        for t in starter_templates() {
            let new = NewTemplate {
                name: t.name.clone(),
                purpose: t.purpose,
                language: t.language,
                body: t.body.clone(),
            };
            assert_eq!(new.validate().as_ref(), Ok(&new), "{}", t.key);
            let text = t.template().unwrap().render(&all).unwrap();
            assert!(!text.contains(['{', '}']), "{}: {text}", t.key);
        }
    }

    #[test]
    fn every_key_is_unique_per_language_and_exists_in_both() {
        let templates = starter_templates();
        let mut seen = HashSet::new();
        for t in &templates {
            assert!(seen.insert((t.key.clone(), t.language)), "{}", t.key);
        }
        for t in &templates {
            for lang in TemplateLanguage::ALL {
                assert!(seen.contains(&(t.key.clone(), *lang)), "{} {lang:?}", t.key);
            }
        }
        for t in &templates {
            let twin = templates
                .iter()
                .find(|o| o.key == t.key && o.language != t.language)
                .unwrap();
            let slots = |t: &MessageTemplate| -> HashSet<Placeholder> {
                t.template().unwrap().placeholders().into_iter().collect()
            };
            assert_eq!(
                slots(t),
                slots(twin),
                "{}: both languages fill the same values",
                t.key
            );
        }
        let purposes: HashSet<_> = templates.iter().map(|t| t.purpose).collect();
        assert_eq!(
            purposes.len(),
            4,
            "greeting, invitation, quote follow-up, care"
        );
    }

    #[test]
    fn every_template_the_default_care_rules_suggest_is_a_starter_in_both_languages() {
        use crate::care::{CareRules, CareTaskKind};
        let rules = CareRules::default();
        let mut suggested: Vec<(&str, CareTaskKind)> = rules
            .delivery_calls
            .iter()
            .map(|c| (c.outreach.template_key.as_str(), CareTaskKind::DeliveryCall))
            .collect();
        suggested.extend(
            [
                (&rules.maintenance.outreach, CareTaskKind::Maintenance),
                (&rules.insurance.outreach, CareTaskKind::InsuranceRenewal),
                (&rules.inspection.outreach, CareTaskKind::Inspection),
                (&rules.birthday.outreach, CareTaskKind::Birthday),
                (&rules.holidays.outreach, CareTaskKind::Holiday),
                (
                    &rules.anniversary.outreach,
                    CareTaskKind::PurchaseAnniversary,
                ),
                (&rules.referral.outreach, CareTaskKind::ReferralInvitation),
            ]
            .map(|(o, kind)| (o.template_key.as_str(), kind)),
        );
        // A sample delivered customer, as the app would fill the values in.
        let sample = |language: TemplateLanguage| {
            match language {
                Zh => TemplateValues::from_names([
                    ("客户姓名", "王建国"),
                    ("客户称呼", "王先生"),
                    ("销售顾问", "李娜"),
                    ("联系电话", "13800001111"),
                    ("车型", "ID.4"),
                    ("门店", "大众4S店"),
                    ("门店地址", "中山路1号"),
                    ("日期", "6月30日"),
                    ("时间", "10:00"),
                    ("报价", "¥199,800"),
                    ("活动", "春节"),
                ]),
                En => TemplateValues::from_names([
                    ("customer_name", "Wang Jianguo"),
                    ("customer_title", "Mr Wang"),
                    ("salesperson", "Li Na"),
                    ("salesperson_phone", "13800001111"),
                    ("model", "ID.4"),
                    ("store", "VW Centre"),
                    ("store_address", "1 Zhongshan Road"),
                    ("date", "30 June"),
                    ("time", "10:00"),
                    ("price", "¥199,800"),
                    ("event", "Spring Festival"),
                ]),
            }
            .unwrap()
        };
        let starters = starter_templates();
        for (key, kind) in suggested {
            for language in TemplateLanguage::ALL {
                let t = starters
                    .iter()
                    .find(|t| t.key == key && t.language == *language)
                    .unwrap_or_else(|| panic!("{key} has no {language:?} starter"));
                assert_eq!(t.purpose, kind.template_purpose(), "{key}");
                let text = t.template().unwrap().render(&sample(*language)).unwrap();
                assert!(!text.contains(['{', '}']), "{key}: {text}");
                let title = if *language == Zh {
                    "王先生"
                } else {
                    "Mr Wang"
                };
                assert!(text.contains(title), "{key} addresses the customer: {text}");
            }
        }
    }
}

//! The starter set of message templates (内置话术), in Chinese and English: data, not code.
//! Every key exists in both languages; the app offers them until the user writes their own.

use crate::template::{MessageTemplate, TemplateLanguage, TemplatePurpose};

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
    use crate::code::Code;
    use crate::template::{NewTemplate, Placeholder, TemplateValues};
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
}

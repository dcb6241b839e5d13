//! The dealership's settings as readable text.

use crate::term::lang::{pick, say};
use crm_core::ReminderChannel;
use crm_store::Settings;

/// Where reminders show, in the user's language.
fn channel_label(channel: ReminderChannel) -> &'static str {
    match channel {
        ReminderChannel::InApp => pick("应用内", "in the app"),
        ReminderChannel::Email => pick("邮件", "by e-mail"),
        ReminderChannel::Other => pick("其他", "other"),
    }
}

/// The settings.
pub fn settings(s: &Settings) -> String {
    let c = &s.cadence;
    say!(
        "时区          {}\n回访周期      N {} 天，H {} 天，A {} 天，B {} 天，C {} 天，O {} 天；新线索 {} 分钟内首次响应\n\
         提醒          定时计划提前 {} 分钟，全天计划 {} 提醒，{}\n\
         门店          {}\n地址          {}\n里程          每天最多 {} 公里\n保留期限      {}\n",
        "time zone     {}\ncadence       N {} d, H {} d, A {} d, B {} d, C {} d, O {} d; first response within {} min\n\
         reminders     {} min before timed plans, {} for date-only plans, {}\n\
         store         {}\naddress       {}\nodometer      at most {} km a day\nretention     {}\n",
        s.zone.name(),
        c.n_days,
        c.h_days,
        c.a_days,
        c.b_days,
        c.c_days,
        c.o_days,
        c.first_response_minutes,
        s.reminders.lead_minutes,
        s.reminders.date_only_at.format("%H:%M"),
        channel_label(s.reminders.channel),
        s.store.name.as_deref().unwrap_or("-"),
        s.store.address.as_deref().unwrap_or("-"),
        s.odometer.max_daily_km,
        retention(s),
    )
}

/// The retention rule in words.
fn retention(s: &Settings) -> String {
    match s.retention.erase_lost_or_dormant_after_months {
        Some(months) => say!(
            "战败或休眠超过 {} 个月即清除",
            "erase lost or dormant after {} months",
            months
        ),
        None => pick("未设置", "off").to_string(),
    }
}

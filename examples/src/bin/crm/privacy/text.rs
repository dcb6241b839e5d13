//! Erasures and retention runs as text, in the chosen language.

use crate::term::lang::say;
use crm_core::privacy::RetentionPolicy;
use crm_core::CustomerId;
use crm_store::{ErasedOrder, Erasure, RetentionRun};
use std::fmt::Write;

/// Whether the files were cleaned, in words.
fn cleaned(yes: bool) -> String {
    if yes {
        say!("文件已清理\n", "files cleaned\n")
    } else {
        say!(
            "文件未清理（另一程序正在读取），下次删除时清理\n",
            "files not cleaned (another program is reading the book); the next erasure does it\n"
        )
    }
}

/// One erasure.
pub fn erasure(e: &Erasure) -> String {
    let mut out = say!(
        "已清除客户 {} 的全部个人信息；保留订单 {} 笔（不含个人信息）\n",
        "erased customer {} and all of their personal data; {} orders kept without it\n",
        e.customer_id,
        e.orders_kept
    );
    out.push_str(&cleaned(e.file_cleaned));
    out
}

fn ids(list: &[CustomerId]) -> String {
    let mut out = String::new();
    for id in list {
        let _ = writeln!(out, "  {id}");
    }
    out
}

/// The customers a dry run found.
pub fn retention_due(due: &[CustomerId]) -> String {
    let mut out = say!(
        "将清除 {} 位客户（未执行）\n",
        "{} customers would be erased (dry run)\n",
        due.len()
    );
    out.push_str(&ids(due));
    out
}

/// What a run erased.
pub fn retention_run(run: &RetentionRun) -> String {
    let mut out = say!(
        "已清除 {} 位客户；保留订单 {} 笔（不含个人信息）\n",
        "erased {} customers; {} orders kept without personal data\n",
        run.erased.len(),
        run.orders_kept
    );
    out.push_str(&ids(&run.erased));
    if !run.erased.is_empty() {
        out.push_str(&cleaned(run.file_cleaned));
    }
    out
}

/// The rule.
pub fn retention_policy(p: &RetentionPolicy) -> String {
    match p.erase_lost_or_dormant_after_months {
        Some(months) => say!(
            "保留期限：战败或休眠超过 {} 个月的客户将被清除\n",
            "retention: customers lost or dormant for more than {} months are erased\n",
            months
        ),
        None => say!(
            "保留期限：未设置（不按时间清除）\n",
            "retention: off (nobody is erased by age)\n"
        ),
    }
}

/// The erased customers' orders, one line each: erased when, the car, the net price in
/// yuan, the consultant, the status.
pub fn erased_orders(list: &[ErasedOrder]) -> String {
    if list.is_empty() {
        return say!("没有已清除客户的订单\n", "no orders of erased customers\n");
    }
    let mut out = String::new();
    for o in list {
        let net = o.price.0.saturating_sub(o.discount.0);
        let _ = writeln!(
            out,
            "{}  {}  {}  ¥{}.{:02}  {}  {}",
            o.erased_at.format("%Y-%m-%d"),
            o.id,
            o.vehicle.model,
            net / 100,
            net % 100,
            o.consultant.as_deref().unwrap_or("-"),
            crm_core::Code::code(o.status)
        );
    }
    out
}

//! The deletions log as text, in the chosen language.

use crate::term::lang::pick;
use crate::term::text::wall;
use crm_core::audit::{DeletedEntity, Deletion, DeletionKind};
use crm_core::DealershipZone;
use std::fmt::Write;

/// How a record left, in words.
pub fn kind_label(kind: DeletionKind) -> &'static str {
    match kind {
        DeletionKind::Deleted => pick("删除", "deleted"),
        DeletionKind::Merged => pick("合并", "merged"),
        DeletionKind::Erased => pick("个人信息已清除", "erased"),
    }
}

/// What kind of record, in words.
pub fn entity_label(entity: DeletedEntity) -> &'static str {
    match entity {
        DeletedEntity::Customer => pick("客户", "customer"),
    }
}

/// One line per deletion: when, what, how, by whom, on which device.
pub fn deletions(list: &[Deletion], zone: &DealershipZone) -> String {
    if list.is_empty() {
        return format!("{}\n", pick("没有删除记录", "no deletions"));
    }
    let mut out = String::new();
    for d in list {
        let into = d
            .merged_into
            .as_ref()
            .map(|k| format!(" → {k}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {}  {} {} {}{into}  {} {}  {} {}",
            wall(d.at, zone),
            entity_label(d.entity),
            d.id,
            kind_label(d.kind),
            pick("操作人", "by"),
            d.author.as_deref().unwrap_or("–"),
            pick("设备", "device"),
            d.device
        );
    }
    out
}

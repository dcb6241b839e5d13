//! An import's report and the list of imports, as text in the user's language.

use crate::term::lang::say;
use crate::term::text::local;
use crm_core::spreadsheet::RowError;
use crm_store::{FollowUpSheetReport, ImportRecord, ImportReport, UndoReport};
use std::fmt::Write;

/// The report: what was done, then one line per refused row.
pub fn report_text(r: &ImportReport) -> String {
    let mut text = String::new();
    if r.already_imported {
        let id = r.import_id.as_deref().unwrap_or("");
        let _ = writeln!(
            text,
            "{}",
            say!(
                "{} 已导入过（导入 {id}），本次未做任何改动。",
                "{} was imported before (import {id}); nothing was done.",
                r.file_name
            )
        );
        return text;
    }
    let _ = writeln!(
        text,
        "{}",
        say!(
            "{}：读取 {} 行，新建 {}，补全 {}，合并 {}，重复跳过 {}，拒绝 {}。",
            "{}: {} rows read, {} created, {} updated, {} merged, {} skipped as duplicates, {} refused.",
            r.file_name,
            r.rows,
            r.created,
            r.updated,
            r.merged,
            r.skipped_duplicates,
            r.errors.len()
        )
    );
    if !r.unknown_columns.is_empty() {
        let columns = r.unknown_columns.join(", ");
        let _ = writeln!(
            text,
            "{}",
            say!(
                "未识别的列（未导入）：{columns}",
                "Columns not recognised (not imported): {columns}"
            )
        );
    }
    text.push_str(&error_lines(&r.errors));
    let _ = writeln!(
        text,
        "{}",
        match (&r.import_id, r.written) {
            (Some(id), true) => say!(
                "已写入（导入 {id}；撤销：crm import undo {id}）。",
                "Written (import {id}; to undo: crm import undo {id})."
            ),
            _ => say!("未写入任何内容。", "Nothing was written."),
        }
    );
    text
}

/// The imports, one a line.
pub fn imports_text(list: &[ImportRecord]) -> String {
    let mut text = String::new();
    for i in list {
        let undone = match i.undone_at {
            Some(at) => say!("  已撤销 {}", "  undone {}", local(at)),
            None => String::new(),
        };
        let _ = writeln!(
            text,
            "{}",
            say!(
                "{}  {}  {}  新建 {} 补全 {} 合并 {} 跳过 {} 拒绝 {}{undone}",
                "{}  {}  {}  created {} updated {} merged {} skipped {} refused {}{undone}",
                i.id,
                local(i.started_at),
                i.file_name,
                i.created,
                i.updated,
                i.merged,
                i.skipped_duplicates,
                i.refused
            )
        );
    }
    if list.is_empty() {
        text.push_str(&say!("还没有导入。\n", "No imports yet.\n"));
    }
    text
}

/// What undoing did.
pub fn undo_text(id: &str, r: &UndoReport) -> String {
    let mut text = say!(
        "导入 {id} 已撤销：删除 {} 位客户，保留 {} 位此后有改动的客户。\n",
        "Import {id} undone: {} customers deleted, {} changed since kept.\n",
        r.removed,
        r.kept_changed.len()
    );
    for c in &r.kept_changed {
        let _ = writeln!(text, "  {}", c.as_str());
    }
    text
}

/// One line per refused row.
fn error_lines(errors: &[RowError]) -> String {
    let mut text = String::new();
    for e in errors {
        let _ = writeln!(
            text,
            "{}",
            say!(
                "  第 {} 行 [{}] \"{}\": {}",
                "  row {} [{}] \"{}\": {}",
                e.row,
                e.column,
                e.value,
                e.reason
            )
        );
    }
    text
}

/// A follow-up sheet's report.
pub fn follow_ups_text(r: &FollowUpSheetReport) -> String {
    let mut text = say!(
        "{}：读取 {} 行，导入跟进记录 {} 条，拒绝 {}。\n",
        "{}: {} rows read, {} follow-ups imported, {} refused.\n",
        r.file_name,
        r.rows,
        r.imported,
        r.errors.len()
    );
    if !r.unknown_columns.is_empty() {
        let columns = r.unknown_columns.join(", ");
        text.push_str(&say!(
            "未识别的列（未导入）：{columns}\n",
            "Columns not recognised (not imported): {columns}\n"
        ));
    }
    text.push_str(&error_lines(&r.errors));
    text
}

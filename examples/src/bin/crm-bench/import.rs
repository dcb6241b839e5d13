//! Spreadsheet import (`Store::import_customer_sheet`) against the store's bulk import
//! (`Store::import_customers`, batches of 1,000) of the same customers, each into a new
//! book; and the memory an import of a large CSV takes, measured in a child process
//! (`crm-bench import-child`) so that nothing else the bench holds is counted.
//!
//! The sheet is written row by row from [`sheet_row`], and the bulk import's customers are
//! made from the same rows, so both store the same customers: name, mobile, WeChat ID,
//! gender, birthday, source channel, tags, notes, owner and creation date.

use crate::measure::Samples;
use crate::results::Row;
use crate::workload::status_kib;
use chrono::{Duration, NaiveDate, TimeZone, Utc};
use crm_core::spreadsheet::{first_header, Field};
use crm_core::{ContactInput, ContactKind, Gender, ManualClock, NewCustomer, SourceChannel};
use crm_store::{CustomerImport, ImportOptions, SheetInput, Store};
use std::error::Error;
use std::io::BufWriter;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::Instant;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

const SURNAMES: &[&str] = &["张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴"];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "军", "杰", "婷",
];
const CHANNELS: &[&str] = &[
    "展厅到店",
    "热线电话",
    "车展",
    "市场活动",
    "网络平台: 汽车之家",
];

/// The columns of the sheet, by the headers a file the app writes has.
const FIELDS: &[Field] = &[
    Field::Name,
    Field::Phone,
    Field::Wechat,
    Field::Gender,
    Field::Birthday,
    Field::Source,
    Field::Tags,
    Field::Notes,
    Field::Owner,
    Field::Created,
];

/// One customer: the sheet's cells, in [`FIELDS`] order.
fn sheet_row(i: usize) -> [String; 10] {
    let day =
        NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default() + Duration::days((i % 700) as i64);
    [
        format!(
            "{}{}{}",
            SURNAMES[i % 10],
            GIVEN[i / 10 % 11],
            GIVEN[i / 110 % 11]
        ),
        format!("13{:09}", i),
        format!("wx_{i:07}"),
        ["男", "女", "未填"][i % 3].to_owned(),
        format!("{}/{}/{}", 1960 + i % 40, 1 + i % 12, 1 + i % 28),
        CHANNELS[i % CHANNELS.len()].to_owned(),
        if i.is_multiple_of(5) {
            "VIP、置换".into()
        } else {
            String::new()
        },
        if i.is_multiple_of(7) {
            format!("第{i}位，周末来店")
        } else {
            String::new()
        },
        format!("c{:02}", 1 + i % 8),
        day.format("%Y-%m-%d").to_string(),
    ]
}

/// The same customer as the bulk import takes it.
fn bulk_row(i: usize) -> CustomerImport {
    let cells = sheet_row(i);
    let mut contacts = vec![ContactInput::new(ContactKind::Mobile, cells[1].clone()).primary()];
    contacts.push(ContactInput::new(ContactKind::Wechat, cells[2].clone()));
    let source = match i % CHANNELS.len() {
        0 => SourceChannel::ShowroomWalkIn,
        1 => SourceChannel::PhoneHotline,
        2 => SourceChannel::AutoShow,
        3 => SourceChannel::MarketingEvent,
        _ => SourceChannel::OnlinePlatform {
            platform: "汽车之家".into(),
        },
    };
    let day =
        NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default() + Duration::days((i % 700) as i64);
    CustomerImport {
        customer: NewCustomer {
            gender: [Gender::Male, Gender::Female, Gender::Unspecified][i % 3],
            birthday: NaiveDate::from_ymd_opt(
                (1960 + i % 40) as i32,
                (1 + i % 12) as u32,
                (1 + i % 28) as u32,
            ),
            notes: (!cells[7].is_empty()).then(|| cells[7].clone()),
            tags: if i.is_multiple_of(5) {
                vec!["VIP".into(), "置换".into()]
            } else {
                Vec::new()
            },
            owner: Some(cells[8].clone()),
            contacts,
            ..NewCustomer::new(
                cells[0].clone(),
                ContactInput::new(ContactKind::Mobile, ""),
                source,
            )
        },
        created_at: Utc.from_utc_datetime(&day.and_hms_opt(0, 0, 0).unwrap_or_default())
            - Duration::hours(8),
    }
}

/// Writes a sheet of `rows` customers to `path` (UTF-8, comma separated).
pub fn write_sheet(path: &Path, rows: usize) -> Result<()> {
    let mut out = csv::Writer::from_writer(BufWriter::new(std::fs::File::create(path)?));
    let headers: Vec<&str> = FIELDS
        .iter()
        .map(|f| first_header(*f).unwrap_or(""))
        .collect();
    out.write_record(&headers)?;
    for i in 0..rows {
        out.write_record(sheet_row(i))?;
    }
    out.flush()?;
    Ok(())
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0)
        .single()
        .unwrap_or_default()
}

/// The rows: the sheet import beside the bulk import of `size` customers (each per
/// customer, one run each), and the note with both memory figures.
pub fn run(size: usize, memory_rows: usize, dir: &Path) -> Result<(Vec<Row>, String)> {
    let sheet = dir.join("customers.csv");
    write_sheet(&sheet, size)?;

    let ours_store =
        Store::open_with_clock(dir.join("sheet.sqlite3"), Arc::new(ManualClock::new(now())))?;
    let started = Instant::now();
    let report = ours_store.import_customer_sheet(
        &SheetInput::Path(sheet.clone()),
        &ImportOptions::default(),
        &mut |p| eprint!("\rimport: sheet rows {}/{}   ", p.done, p.total),
    )?;
    let ours_time = started.elapsed();
    eprintln!();
    if report.created as usize != size || !report.errors.is_empty() {
        return Err(format!(
            "the sheet import created {} of {size} ({} refused)",
            report.created,
            report.errors.len()
        )
        .into());
    }
    drop(ours_store);

    let bulk_store =
        Store::open_with_clock(dir.join("bulk.sqlite3"), Arc::new(ManualClock::new(now())))?;
    let started = Instant::now();
    let mut done = 0;
    for first in (0..size).step_by(1_000) {
        let batch: Vec<CustomerImport> = (first..(first + 1_000).min(size)).map(bulk_row).collect();
        done += bulk_store.import_customers(&batch)?.len();
        eprint!("\rimport: bulk customers {done}/{size}   ");
    }
    let bulk_time = started.elapsed();
    eprintln!();
    drop(bulk_store);

    let mut ours = Samples::default();
    ours.push_per(ours_time, u32::try_from(size).unwrap_or(u32::MAX));
    let mut bulk = Samples::default();
    bulk.push_per(bulk_time, u32::try_from(size).unwrap_or(u32::MAX));
    let rows = vec![Row::new(
        "import: CSV sheet, per customer",
        size,
        &ours,
        "store: import_customers in batches of 1,000",
        &bulk,
    )];
    let mut note = format!(
        "import: {size} rows from CSV in {:.1} s, the bulk import of the same customers in {:.1} s ({:.2}x)",
        ours_time.as_secs_f64(),
        bulk_time.as_secs_f64(),
        ours_time.as_secs_f64() / bulk_time.as_secs_f64().max(1e-9)
    );
    for rows in [memory_rows / 10, memory_rows] {
        if rows == 0 {
            continue;
        }
        let (peak, anon) = child_memory(dir, rows)?;
        note.push_str(&format!(
            "\nimport: {rows} rows in a child process: peak resident {:.0} MiB (VmHWM, with the \
             book's memory-mapped pages and page cache), peak heap {:.0} MiB (RssAnon, sampled)",
            peak as f64 / 1024.0,
            anon as f64 / 1024.0
        ));
    }
    Ok((rows, note))
}

/// Writes a sheet of `rows` and imports it in a child process into a new book; returns
/// the child's peak resident and peak anonymous memory, in KiB.
fn child_memory(dir: &Path, rows: usize) -> Result<(u64, u64)> {
    let sheet = dir.join(format!("memory-{rows}.csv"));
    write_sheet(&sheet, rows)?;
    let db = dir.join(format!("memory-{rows}.sqlite3"));
    let out = Command::new(std::env::current_exe()?)
        .arg("import-child")
        .arg(&sheet)
        .arg(&db)
        .output()?;
    if !out.status.success() {
        return Err(format!(
            "import-child failed: {}",
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    let text = String::from_utf8(out.stdout)?;
    let mut numbers = text.split_whitespace().map(str::parse::<u64>);
    match (numbers.next(), numbers.next()) {
        (Some(Ok(peak)), Some(Ok(anon))) => Ok((peak, anon)),
        _ => Err(format!("import-child printed {text:?}").into()),
    }
}

/// `crm-bench import-child SHEET DB`: imports SHEET into a new book at DB and prints the
/// process's peak resident memory (VmHWM) and the peak of its anonymous memory (RssAnon,
/// sampled as rows are done), in KiB.
pub fn child(sheet: &Path, db: &Path) -> Result<()> {
    let store = Store::open_with_clock(db, Arc::new(ManualClock::new(now())))?;
    let mut anon = status_kib("RssAnon:").unwrap_or(0);
    store.import_customer_sheet(
        &SheetInput::Path(sheet.to_path_buf()),
        &ImportOptions::default(),
        &mut |p| {
            if p.done % 4096 == 0 {
                anon = anon.max(status_kib("RssAnon:").unwrap_or(0));
            }
        },
    )?;
    anon = anon.max(status_kib("RssAnon:").unwrap_or(0));
    println!("{} {anon}", status_kib("VmHWM:").unwrap_or(0));
    Ok(())
}

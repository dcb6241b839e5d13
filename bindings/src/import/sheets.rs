//! The `CrmStore` methods of spreadsheet import.

use crate::error::CrmError;
use crate::import::options::SheetImportOptions;
use crate::import::progress::ImportProgressListener;
use crate::import::report::{
    FollowUpSheetReport, ImportRecord, SheetImportReport, UndoImportReport,
};
use crate::live::change::DataKind;
use crate::live::listener::Touched;
use crate::number::Signed;
use crate::store::CrmStore;
use crm_store::{ImportError, ImportProgress, SheetInput};
use std::sync::Arc;

impl From<ImportError> for CrmError {
    fn from(e: ImportError) -> Self {
        match e {
            ImportError::Store(e) => e.into(),
            other => CrmError::invalid("file", other.to_string()),
        }
    }
}

/// The store's progress callback, forwarding to the app's listener when there is one.
fn forward(listener: Option<Arc<dyn ImportProgressListener>>) -> impl FnMut(ImportProgress) {
    move |p: ImportProgress| {
        if let Some(l) = &listener {
            l.on_progress(p.done.signed(), p.total.signed());
        }
    }
}

impl CrmStore {
    async fn import_sheet(
        &self,
        input: SheetInput,
        options: SheetImportOptions,
        progress: Option<Arc<dyn ImportProgressListener>>,
    ) -> Result<SheetImportReport, CrmError> {
        self.write(move |store| {
            let options = options.into_store()?;
            let mut progress = forward(progress);
            Ok(store
                .import_customer_sheet(&input, &options, &mut progress)?
                .into())
        })
        .await
    }
}

#[uniffi::export]
impl CrmStore {
    /// Imports the customers of the sheet at `path` (CSV in UTF-8 or GBK, comma, semicolon
    /// or tab separated; or an Excel workbook's first sheet): columns by their headers (姓名,
    /// 手机, 微信, 性别, 生日, 来源, 意向车型, 意向级别, 标签, 备注, 所属顾问, 登记日期 ...) or
    /// `options.mappingJson`, each row validated as `createCustomer` validates, in one
    /// transaction. Refused rows are in the report, not an error; the same file imported
    /// again does nothing (`alreadyImported`). `InvalidInput` on `file` for a file that
    /// cannot be read or has no name column.
    pub async fn import_customer_sheet(
        &self,
        path: String,
        options: SheetImportOptions,
        progress: Option<Arc<dyn ImportProgressListener>>,
    ) -> Result<SheetImportReport, CrmError> {
        self.import_sheet(SheetInput::Path(path.into()), options, progress)
            .await
    }

    /// [`CrmStore::import_customer_sheet`] from the file's bytes (a picked document's
    /// content), with its name.
    pub async fn import_customer_sheet_bytes(
        &self,
        file_name: String,
        bytes: Vec<u8>,
        options: SheetImportOptions,
        progress: Option<Arc<dyn ImportProgressListener>>,
    ) -> Result<SheetImportReport, CrmError> {
        let input = SheetInput::Bytes {
            name: file_name,
            bytes,
        };
        self.import_sheet(input, options, progress).await
    }

    /// Imports a follow-up history sheet at `path` (手机, 跟进时间, 跟进方式, 跟进类型,
    /// 跟进内容, 跟进人): each row's customer found by phone, the rows imported in time order
    /// in one transaction, refused rows reported.
    pub async fn import_follow_up_sheet(
        &self,
        path: String,
        progress: Option<Arc<dyn ImportProgressListener>>,
    ) -> Result<FollowUpSheetReport, CrmError> {
        self.write_touching(Touched::kinds(&[DataKind::FollowUps]), move |store| {
            let mut progress = forward(progress);
            Ok(store
                .import_follow_up_sheet(&SheetInput::Path(path.into()), &mut progress)?
                .into())
        })
        .await
    }

    /// The book's imports, newest first.
    pub async fn list_imports(&self) -> Result<Vec<ImportRecord>, CrmError> {
        self.read(|store| Ok(store.list_imports()?.into_iter().map(Into::into).collect()))
            .await
    }

    /// Undoes import `id`: deletes the customers it created that nobody changed since,
    /// keeps (and lists) the others. `NotFound` for an unknown import.
    pub async fn undo_import(&self, id: String) -> Result<UndoImportReport, CrmError> {
        self.write(move |store| Ok(store.undo_import(&id)?.into()))
            .await
    }
}

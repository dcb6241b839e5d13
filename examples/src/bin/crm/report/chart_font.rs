//! The font charts are drawn with: one that has the Chinese labels' glyphs. `CRM_CHART_FONT`
//! names a font file (.ttf, .otf or .ttc); else the first of Debian's CJK fonts that is
//! installed (`fonts-noto-cjk`, `fonts-wqy-microhei`, `fonts-droid-fallback`). Loaded once per
//! run and registered as plotters' `sans-serif`.

use crate::exit::Failure;
use plotters::style::{register_font, FontStyle};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Where Debian's packages put CJK fonts, best first.
const CANDIDATES: [&str; 4] = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
];

/// The font file to use: `CRM_CHART_FONT`, else the first candidate that exists.
fn font_file() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CRM_CHART_FONT") {
        return Some(PathBuf::from(path));
    }
    CANDIDATES
        .iter()
        .map(Path::new)
        .find(|p| p.exists())
        .map(Path::to_path_buf)
}

/// Loads and registers the font (once); a missing or unreadable font is
/// [`Failure::NoChartFont`].
pub fn load() -> Result<(), Failure> {
    static LOADED: OnceLock<Result<(), String>> = OnceLock::new();
    LOADED
        .get_or_init(|| {
            let path = font_file().ok_or_else(|| "no CJK font installed".to_owned())?;
            let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            // plotters keeps the font for the whole run.
            let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
            register_font("sans-serif", FontStyle::Normal, bytes)
                .map_err(|_| format!("{} is not a font plotters can read", path.display()))
        })
        .clone()
        .map_err(Failure::NoChartFont)
}

//! A report as a picture (`crm report ... --chart FILE.svg|.png`): bars per category, one
//! colour per series, the value over each bar and an optional note over each category
//! (the funnel's conversion from the previous stage), a title and a legend. SVG keeps its
//! text as text; PNG is drawn with the CJK font of `chart_font.rs`.

use crate::exit::Failure;
use crate::report::chart_font;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::path::Path;

/// The picture's size in pixels: a slide's 16:9-ish width at a readable scale.
pub const SIZE: (u32, u32) = (1200, 700);

/// Bar colours, one per series.
const COLOURS: [RGBColor; 3] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
];

/// One series of bars: its name (in the legend) and a value per category.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// The name in the legend.
    pub name: String,
    /// One value per category.
    pub values: Vec<u64>,
}

/// A chart: categories along the bottom, a group of bars in each.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The title.
    pub title: String,
    /// The categories' labels, left to right.
    pub categories: Vec<String>,
    /// The series (at most three).
    pub series: Vec<Series>,
    /// A note over each category (empty: none).
    pub notes: Vec<String>,
}

/// The picture file's kind, by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.svg`.
    Svg,
    /// `.png`.
    Png,
}

impl Format {
    /// The kind `path` names by its extension (any case); `None` for another.
    pub fn of(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "svg" => Some(Format::Svg),
            "png" => Some(Format::Png),
            _ => None,
        }
    }
}

/// Draws `chart` into the file `path` of kind `format`.
pub fn draw(chart: &Chart, path: &Path, format: Format) -> Result<(), Failure> {
    chart_font::load()?;
    let failed = |reason: String| Failure::Chart {
        path: path.to_path_buf(),
        reason,
    };
    match format {
        Format::Svg => {
            let root = SVGBackend::new(path, SIZE).into_drawing_area();
            paint(&root, chart).map_err(|e| failed(e.to_string()))?;
            root.present().map_err(|e| failed(e.to_string()))
        }
        Format::Png => {
            let root = BitMapBackend::new(path, SIZE).into_drawing_area();
            paint(&root, chart).map_err(|e| failed(e.to_string()))?;
            root.present().map_err(|e| failed(e.to_string()))
        }
    }
}

/// The label of the category centred at `x` (categories sit at 0, 1, 2 ...).
fn category_at(categories: &[String], x: f64) -> String {
    let i = x.round();
    if (x - i).abs() > 1e-6 || i < 0.0 {
        return String::new();
    }
    categories.get(i as usize).cloned().unwrap_or_default()
}

fn paint<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Chart,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let n = chart.categories.len().max(1);
    let top = chart
        .series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1);
    // Room over the tallest bar for its value and the category's note.
    let y_max = top as f64 * 1.2;
    let mut plot = ChartBuilder::on(root)
        .caption(&chart.title, ("sans-serif", 28))
        .margin(20)
        .x_label_area_size(50)
        .y_label_area_size(70)
        .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), 0f64..y_max)?;
    plot.configure_mesh()
        .disable_x_mesh()
        .x_labels(n)
        .x_label_formatter(&|x| category_at(&chart.categories, *x))
        .x_label_style(("sans-serif", 15))
        .y_label_style(("sans-serif", 14))
        .y_label_formatter(&|y| format!("{y:.0}"))
        .draw()?;

    let groups = chart.series.len().max(1) as f64;
    let width = 0.8 / groups;
    for (k, series) in chart.series.iter().enumerate() {
        let colour = COLOURS[k % COLOURS.len()];
        let left = |i: usize| i as f64 - 0.4 + k as f64 * width;
        plot.draw_series(series.values.iter().enumerate().map(|(i, v)| {
            Rectangle::new(
                [(left(i), 0.0), (left(i) + width * 0.92, *v as f64)],
                colour.filled(),
            )
        }))?
        .label(series.name.clone())
        .legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 14, y + 6)], colour.filled()));
        plot.draw_series(series.values.iter().enumerate().map(|(i, v)| {
            Text::new(
                v.to_string(),
                (left(i), *v as f64 + top as f64 * 0.02),
                ("sans-serif", 13),
            )
        }))?;
    }
    plot.draw_series(chart.notes.iter().enumerate().map(|(i, note)| {
        Text::new(
            note.clone(),
            (i as f64 - 0.4, top as f64 * 1.12),
            ("sans-serif", 15).into_font().color(&RGBColor(90, 90, 90)),
        )
    }))?;
    plot.configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK)
        .label_font(("sans-serif", 15))
        .draw()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension_and_labels_at_the_centres() {
        assert_eq!(Format::of(Path::new("a/funnel.SVG")), Some(Format::Svg));
        assert_eq!(Format::of(Path::new("funnel.png")), Some(Format::Png));
        assert_eq!(Format::of(Path::new("funnel.pdf")), None);
        assert_eq!(Format::of(Path::new("funnel")), None);
        let categories = vec!["新线索".to_owned(), "已联系".to_owned()];
        assert_eq!(category_at(&categories, 1.0), "已联系");
        assert_eq!(category_at(&categories, 0.5), "");
        assert_eq!(category_at(&categories, 2.0), "");
        assert_eq!(category_at(&categories, -1.0), "");
    }
}

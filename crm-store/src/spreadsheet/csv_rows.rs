//! CSV sheets, read row by row: UTF-8 (with or without a byte-order mark) or GB18030
//! (which GBK files are a part of), comma, semicolon or tab separated.

use encoding_rs::{Decoder, GB18030};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::{self, BufRead, BufReader, Read};
use std::rc::Rc;

/// A reader of GB18030 bytes as UTF-8 text, decoding as it goes (memory stays one buffer).
pub(crate) struct Gb18030Reader<R> {
    inner: R,
    decoder: Decoder,
    input: Vec<u8>,
    output: Vec<u8>,
    start: usize,
    done: bool,
}

/// The size of the buffers a decoding reader reads and writes through.
const CHUNK: usize = 64 * 1024;

impl<R: Read> Gb18030Reader<R> {
    pub(crate) fn new(inner: R) -> Self {
        Gb18030Reader {
            inner,
            decoder: GB18030.new_decoder_without_bom_handling(),
            input: vec![0; CHUNK],
            output: Vec::with_capacity(CHUNK * 3 / 2 + 16),
            start: 0,
            done: false,
        }
    }

    /// Decodes the next chunk into `output`; `false` at the end of the input.
    fn fill(&mut self) -> io::Result<bool> {
        if self.done {
            return Ok(false);
        }
        let n = self.inner.read(&mut self.input)?;
        let last = n == 0;
        self.output.clear();
        self.start = 0;
        let capacity = self
            .decoder
            .max_utf8_buffer_length(n)
            .unwrap_or(CHUNK * 4)
            .max(16);
        self.output.resize(capacity, 0);
        let (_, _, written, _) =
            self.decoder
                .decode_to_utf8(&self.input[..n], &mut self.output, last);
        self.output.truncate(written);
        self.done = last;
        Ok(!last || written > 0)
    }
}

impl<R: Read> Read for Gb18030Reader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.start >= self.output.len() {
            if !self.fill()? {
                return Ok(0);
            }
        }
        let n = buf.len().min(self.output.len() - self.start);
        buf[..n].copy_from_slice(&self.output[self.start..self.start + n]);
        self.start += n;
        Ok(n)
    }
}

/// The separator a header line uses: the most frequent of comma, semicolon and tab
/// (comma when none is there: a sheet of one column).
pub(crate) fn sniff_delimiter(header_line: &str) -> u8 {
    let count = |c: char| header_line.matches(c).count();
    [b'\t', b';', b',']
        .into_iter()
        .max_by_key(|d| count(char::from(*d)))
        .filter(|d| count(char::from(*d)) > 0)
        .unwrap_or(b',')
}

/// The byte offsets of the line feeds a reader has passed on and no record has been
/// numbered past yet (at most a buffer's worth), each with whether a carriage return
/// came right before it, and how many were counted before them.
#[derive(Default)]
struct LineFeeds {
    pending: VecDeque<(u64, bool)>,
    counted: u64,
    last_was_cr: bool,
}

/// A reader that notes where its line feeds are, so that each record gets the number of
/// the line it starts on, blank lines included.
struct LineCounter<R> {
    inner: R,
    offset: u64,
    feeds: Rc<RefCell<LineFeeds>>,
}

impl<R: Read> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut feeds = self.feeds.borrow_mut();
        for (i, &b) in buf[..n].iter().enumerate() {
            if b == b'\n' {
                let cr = feeds.last_was_cr;
                feeds.pending.push_back((self.offset + i as u64, cr));
            }
            feeds.last_was_cr = b == b'\r';
        }
        self.offset += n as u64;
        Ok(n)
    }
}

/// Rows of a CSV sheet of UTF-8 text (`text`), each with its line number (the header is
/// line 1). Blank lines are skipped.
pub(crate) struct CsvRows {
    records: csv::StringRecordsIntoIter<Box<dyn Read>>,
    feeds: Rc<RefCell<LineFeeds>>,
}

impl CsvRows {
    /// Reads the header line of `text` to choose the separator, then the header row.
    pub(crate) fn open(text: Box<dyn Read>) -> io::Result<(Vec<String>, CsvRows)> {
        let mut buffered = BufReader::with_capacity(CHUNK, text);
        let mut first = Vec::new();
        buffered.read_until(b'\n', &mut first)?;
        let bom = "\u{feff}".as_bytes();
        if first.starts_with(bom) {
            first.drain(..bom.len());
        }
        let delimiter = sniff_delimiter(&String::from_utf8_lossy(&first));
        let feeds = Rc::new(RefCell::new(LineFeeds::default()));
        let rest: Box<dyn Read> = Box::new(LineCounter {
            inner: io::Cursor::new(first).chain(buffered),
            offset: 0,
            feeds: feeds.clone(),
        });
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(false)
            .from_reader(rest);
        let mut header = csv::StringRecord::new();
        reader.read_record(&mut header).map_err(io::Error::other)?;
        let headers = header.iter().map(str::to_owned).collect();
        Ok((
            headers,
            CsvRows {
                records: reader.into_records(),
                feeds,
            },
        ))
    }
}

impl Iterator for CsvRows {
    type Item = io::Result<(u64, Vec<String>)>;

    fn next(&mut self) -> Option<Self::Item> {
        let record = self.records.next()?;
        Some(
            record
                .map(|r| {
                    // The reader's position of a record that follows blank lines is
                    // where the blank lines start: they are counted here.
                    let mut start = r.position().map_or(0, csv::Position::byte);
                    let mut feeds = self.feeds.borrow_mut();
                    while let Some(&(at, cr)) = feeds.pending.front() {
                        let blank = at == start || (cr && at == start + 1);
                        if at >= start && !blank {
                            break;
                        }
                        if blank {
                            start = at + 1;
                        }
                        feeds.pending.pop_front();
                        feeds.counted += 1;
                    }
                    (feeds.counted + 1, r.iter().map(str::to_owned).collect())
                })
                .map_err(io::Error::other),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_separator_is_the_header_lines_most_frequent() {
        assert_eq!(sniff_delimiter("姓名,手机,微信"), b',');
        assert_eq!(sniff_delimiter("姓名;手机;微信"), b';');
        assert_eq!(sniff_delimiter("姓名\t手机\t备注,说明"), b'\t');
        assert_eq!(sniff_delimiter("姓名"), b',');
    }

    #[test]
    fn rows_are_numbered_by_the_line_they_start_on_blank_and_quoted_lines_counted() {
        for text in [
            "a,b\n1,\n\n2,\"x\ny\"\n\n\n3,\nx\n",
            "a,b\r\n1,\r\n\r\n2,\"x\r\ny\"\r\n\r\n\r\n3,\r\nx\r\n",
            "a,b\n1,1\n\n2,\"x\ny\"\n\n\n3,3\nx",
        ] {
            let (headers, rows) = CsvRows::open(Box::new(io::Cursor::new(text))).unwrap();
            assert_eq!(headers, vec!["a", "b"]);
            let numbers: Vec<u64> = rows.map(|r| r.unwrap().0).collect();
            assert_eq!(numbers, vec![2, 4, 8, 9], "{text:?}");
        }
    }

    #[test]
    fn gb18030_is_decoded_across_chunk_boundaries() {
        let text = "姓名,手机\n".repeat(20_000);
        let (bytes, _, _) = GB18030.encode(&text);
        let mut decoded = String::new();
        Gb18030Reader::new(&bytes[..])
            .read_to_string(&mut decoded)
            .unwrap();
        assert_eq!(decoded, text);
    }
}

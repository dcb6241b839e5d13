//! CSV sheets, read row by row: UTF-8 (with or without a byte-order mark) or GB18030
//! (which GBK files are a part of), comma, semicolon or tab separated.

use encoding_rs::{Decoder, GB18030};
use std::io::{self, BufRead, BufReader, Read};

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

/// Rows of a CSV sheet of UTF-8 text (`text`), each with its line number (the header is
/// line 1). Blank lines are skipped.
pub(crate) struct CsvRows {
    records: csv::StringRecordsIntoIter<Box<dyn Read>>,
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
        let rest: Box<dyn Read> = Box::new(io::Cursor::new(first).chain(buffered));
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
                    let line = r.position().map_or(0, csv::Position::line);
                    (line, r.iter().map(str::to_owned).collect())
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

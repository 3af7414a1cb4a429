//! The CSV dialect Pabulib files use: `;` between cells, `"` quotes (doubled inside a quoted
//! cell), lines ending in LF, CRLF or CR. Written by hand rather than with the `csv` crate so
//! every row knows the line it started on, which the parser's errors must name.

use std::borrow::Cow;

/// One row of cells and the 1-based line it starts on. A cell borrows the text unless quotes
/// made it differ from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row<'a> {
    pub line: usize,
    pub cells: Vec<Cow<'a, str>>,
}

/// Why the text could not be split into rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UnterminatedQuote {
    pub line: usize,
}

/// Splits `text` into rows. A quoted cell may span lines; its line breaks become `\n`, as
/// Python's `csv` module (which pabutools uses) makes them.
pub(crate) fn rows(text: &str) -> Result<Vec<Row<'_>>, UnterminatedQuote> {
    let bytes = text.as_bytes();
    let mut rows = Vec::new();
    let mut line = 1usize;
    let mut i = 0usize;
    while i < bytes.len() {
        let start_line = line;
        let mut cells: Vec<Cow<'_, str>> = Vec::new();
        let mut cell = String::new();
        // Whether the current cell had a quote, so its text is built in `cell`.
        let mut owned = false;
        // Python's csv only treats a quote as special at the very start of a cell.
        let mut at_cell_start = true;
        let mut in_quotes = false;
        let mut plain_from = i;
        loop {
            if i >= bytes.len() {
                if in_quotes {
                    return Err(UnterminatedQuote { line: start_line });
                }
                cells.push(finish(text, &mut cell, owned, plain_from, i));
                break;
            }
            let b = bytes[i];
            if in_quotes {
                match b {
                    b'"' if bytes.get(i + 1) == Some(&b'"') => {
                        cell.push_str(&text[plain_from..=i]);
                        i += 2;
                        plain_from = i;
                    }
                    b'"' => {
                        cell.push_str(&text[plain_from..i]);
                        in_quotes = false;
                        i += 1;
                        plain_from = i;
                    }
                    b'\r' | b'\n' => {
                        cell.push_str(&text[plain_from..i]);
                        cell.push('\n');
                        i += if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                            2
                        } else {
                            1
                        };
                        line += 1;
                        plain_from = i;
                    }
                    _ => i += 1,
                }
                continue;
            }
            match b {
                b'"' if at_cell_start => {
                    in_quotes = true;
                    owned = true;
                    at_cell_start = false;
                    i += 1;
                    plain_from = i;
                }
                b';' => {
                    cells.push(finish(text, &mut cell, owned, plain_from, i));
                    owned = false;
                    at_cell_start = true;
                    i += 1;
                    plain_from = i;
                }
                b'\r' | b'\n' => {
                    cells.push(finish(text, &mut cell, owned, plain_from, i));
                    i += if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                        2
                    } else {
                        1
                    };
                    line += 1;
                    break;
                }
                _ => {
                    at_cell_start = false;
                    i += 1;
                }
            }
        }
        rows.push(Row {
            line: start_line,
            cells,
        });
    }
    Ok(rows)
}

/// Ends a cell at `end`: the plain text since `plain_from`, borrowed when no quote was seen.
fn finish<'a>(
    text: &'a str,
    cell: &mut String,
    owned: bool,
    plain_from: usize,
    end: usize,
) -> Cow<'a, str> {
    if owned {
        cell.push_str(&text[plain_from..end]);
        Cow::Owned(std::mem::take(cell))
    } else {
        Cow::Borrowed(&text[plain_from..end])
    }
}

/// Quotes a cell when the reader would otherwise split or alter it.
pub(crate) fn write_cell(out: &mut String, cell: &str) {
    if cell.contains([';', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn cells(text: &str) -> Vec<Vec<String>> {
        rows(text)
            .unwrap()
            .into_iter()
            .map(|r| r.cells.into_iter().map(Cow::into_owned).collect())
            .collect()
    }

    #[test]
    fn splits_cells_and_lines_of_every_ending() {
        assert_eq!(
            cells("a;b\r\nc\rd;;e\n"),
            vec![vec!["a", "b"], vec!["c"], vec!["d", "", "e"]]
        );
    }

    #[test]
    fn honours_quotes_like_python_csv() {
        assert_eq!(
            cells("\"a;b\";\"say \"\"hi\"\"\"\n"),
            vec![vec!["a;b", "say \"hi\""]]
        );
        assert_eq!(cells("x\"y;z\n"), vec![vec!["x\"y", "z"]]);
        let split = rows("\"two\r\nlines\";x\nnext").unwrap();
        assert_eq!(split[0].cells, vec!["two\nlines", "x"]);
        assert_eq!(split[1].line, 3);
    }

    #[test]
    fn reports_an_unterminated_quote() {
        assert_eq!(
            rows("a\n\"open;b\nc").unwrap_err(),
            UnterminatedQuote { line: 2 }
        );
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Cells written with `write_cell` split back into the same cells, line breaks inside
        /// a cell coming back as `\n`, and each row starts on the line after the breaks before.
        #[test]
        fn written_cells_split_back(
            table in proptest::collection::vec(
                proptest::collection::vec("[a; \"\r\n,é]{0,5}", 1..4),
                0..5,
            ),
        ) {
            let mut text = String::new();
            for row in &table {
                for (i, cell) in row.iter().enumerate() {
                    if i > 0 {
                        text.push(';');
                    }
                    write_cell(&mut text, cell);
                }
                text.push('\n');
            }
            let read = rows(&text).unwrap();
            let mut line = 1;
            prop_assert_eq!(read.len(), table.len());
            for (row, cells) in read.iter().zip(&table) {
                prop_assert_eq!(row.line, line);
                let expected: Vec<String> =
                    cells.iter().map(|c| c.replace("\r\n", "\n").replace('\r', "\n")).collect();
                prop_assert_eq!(&row.cells, &expected);
                line += 1 + expected.iter().map(|c| c.matches('\n').count()).sum::<usize>();
            }
        }

        /// Any text: rows, or the line of a quote that is never closed; never a panic.
        #[test]
        fn any_text_splits_or_names_a_line(text in "[a;\"\r\n é]{0,30}") {
            let lines = 1 + text.replace("\r\n", "\n").matches(['\n', '\r']).count();
            match rows(&text) {
                Ok(rows) => prop_assert!(rows.iter().all(|r| (1..=lines).contains(&r.line) && !r.cells.is_empty())),
                Err(err) => prop_assert!((1..=lines).contains(&err.line)),
            }
        }
    }
}

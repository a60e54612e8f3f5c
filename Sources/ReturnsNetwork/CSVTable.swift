import Foundation

/// A CSV table (RFC 4180: commas, double-quoted fields, `""` escapes) with the line each row starts on.
public struct CSVTable: Sendable {
    public struct Row: Sendable {
        /// 1-based line where the row starts in the file.
        public var line: Int
        public var cells: [String]
        /// 1-based column where each cell starts.
        public var columns: [Int]
    }

    public var header: [String]
    public var rows: [Row]
    /// 1-based line of the header row, and the column where each header cell starts.
    public var headerLine = 1
    public var headerColumns: [Int] = []

    /// Parses CSV text; blank lines are skipped. An unterminated quote is reported as an error at its line.
    public static func parse(_ text: String) -> Result<CSVTable, CSVParseError> {
        var records: [Row] = []
        var cells: [String] = []
        var columns: [Int] = []
        var cell = ""
        var inQuotes = false
        var quoteLine = 0
        var line = 1
        var column = 1
        var recordLine = 1
        var cellColumn = 1
        var cellWasQuoted = false
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var i = 0
        func endRecord() {
            cells.append(cell)
            columns.append(cellColumn)
            if !(cells.count == 1 && cells[0].isEmpty && !cellWasQuoted) {
                records.append(Row(line: recordLine, cells: cells, columns: columns))
            }
            cells = []
            columns = []
            cell = ""
            cellWasQuoted = false
        }
        while i < scalars.count {
            let c = scalars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < scalars.count, scalars[i + 1] == "\"" {
                        cell.unicodeScalars.append("\"")
                        i += 2
                        column += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    cell.unicodeScalars.append(c)
                    if c == "\n" { line += 1; column = 0 }
                }
                i += 1
                column += 1
                continue
            }
            switch c {
            case "\"" where cell.isEmpty:
                inQuotes = true
                cellWasQuoted = true
                quoteLine = line
            case ",":
                cells.append(cell)
                columns.append(cellColumn)
                cell = ""
                cellWasQuoted = false
                cellColumn = column + 1
            case "\r":
                break
            case "\n":
                endRecord()
                line += 1
                column = 0
                recordLine = line
                cellColumn = 1
            default:
                cell.unicodeScalars.append(c)
            }
            i += 1
            column += 1
        }
        if inQuotes { return .failure(CSVParseError(line: quoteLine, message: "a quoted field is never closed")) }
        if !cell.isEmpty || !cells.isEmpty { endRecord() }
        guard let first = records.first else { return .failure(CSVParseError(line: 1, message: "the file is empty; it needs a header row")) }
        let header = first.cells.map { $0.trimmedOfBlanks() }
        return .success(CSVTable(header: header, rows: Array(records.dropFirst()), headerLine: first.line, headerColumns: first.columns))
    }
}

/// Why a CSV file could not be read.
public struct CSVParseError: Error, Sendable {
    public var line: Int
    public var message: String
}

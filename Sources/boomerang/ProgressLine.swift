import ArgumentParser
import Foundation
import MIP
import Planning
import ReturnsNetwork

/// A live progress line on stderr for solves longer than a second, when stderr is a terminal.
enum ProgressLine {
    static func make() -> (@Sendable (SolveProgress) -> Void)? {
        guard isatty(2) == 1 else { return nil }
        return { progress in
            guard progress.elapsed >= 1 else { return }
            let incumbent = progress.incumbent.map { formatNumber($0, decimals: 0) } ?? "none yet"
            let bound = progress.bestBound.map { formatNumber($0, decimals: 0) } ?? "–"
            let line = String(format: "\r  solving %5.1fs  best %@  bound %@  gap %@  nodes %d   ", progress.elapsed, incumbent, bound, formatPercent(progress.gap), progress.nodes)
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    static func finish() {
        if isatty(2) == 1 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

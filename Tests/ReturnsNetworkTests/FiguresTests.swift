import Testing
import ReturnsNetwork

/// `Figures.grouped`: the one rounding and grouping rule of text, CSV summaries and the HTML report.
@Suite struct FiguresTests {
    @Test(arguments: [
        (472.5, 0, "473"), (-472.5, 0, "-473"), (471.5, 0, "472"), (0.125, 2, "0.13"), (-0.4, 0, "0"),
        (1_234_567.891, 2, "1,234,567.89"), (-1_234.5, 0, "-1,235"), (999.995, 2, "1,000.00"), (12, 3, "12.000"), (0, 1, "0.0"),
    ] as [(Double, Int, String)])
    func roundsHalfAwayFromZeroAndGroupsThousands(_ value: Double, _ decimals: Int, _ shown: String) {
        #expect(Figures.grouped(value, decimals: decimals) == shown)
    }

    @Test func theReportsMinusSignIsItsOwnOnly() {
        #expect(Figures.grouped(-2_500, minus: "−") == "−2,500")
    }
}

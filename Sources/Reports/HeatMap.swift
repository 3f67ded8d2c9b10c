import Foundation

/// A matrix of values drawn as coloured cells with the value written in each: confusion matrices
/// (counts, rows = true class, columns = predicted class) and sweep grids (validation accuracy
/// over two hyperparameters).
///
/// A cell's colour is `colorMap` at t = (v − lo)/(hi − lo) over `valueRange` (default: the finite
/// values' min…max); its text is black or white, whichever contrasts with the fill. NaN and ±∞
/// cells are light grey with "–". Each cell is a `<g class="cell">` whose tooltip names its row,
/// column and value; the marked cell (e.g. the best sweep point) gets a thick black border and
/// crossed cells (diverged sweep points) a red ✕.
/// - Complexity: O(rows · columns).
public struct HeatMap: Equatable, Sendable {
    public var title: String
    public var rowAxis: AxisTitle
    public var columnAxis: AxisTitle
    public var rowLabels: [String]
    public var columnLabels: [String]
    /// values[row][column].
    public var values: [[Double]]
    /// Digits after the point in the cell text, always written: 0 for counts, 1 for accuracies in percent.
    public var decimals: Int
    public var valueRange: ClosedRange<Double>?
    public var colorMap: ColorMap
    public var markedCell: (row: Int, column: Int)?
    /// Cells crossed out with a red ✕ (e.g. sweep points whose run diverged), as (row, column).
    public var crossedCells: [(row: Int, column: Int)]

    public init(
        title: String, rowAxis: AxisTitle, columnAxis: AxisTitle, rowLabels: [String], columnLabels: [String],
        values: [[Double]], decimals: Int = 0, valueRange: ClosedRange<Double>? = nil,
        colorMap: ColorMap = .sequentialBlues, markedCell: (row: Int, column: Int)? = nil, crossedCells: [(row: Int, column: Int)] = []
    ) {
        precondition(values.count == rowLabels.count && values.allSatisfy { $0.count == columnLabels.count },
                     "a heat map needs one value per row label and column label")
        self.title = title
        self.rowAxis = rowAxis
        self.columnAxis = columnAxis
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.values = values
        self.decimals = decimals
        self.valueRange = valueRange
        self.colorMap = colorMap
        self.markedCell = markedCell
        self.crossedCells = crossedCells
    }

    public static func == (left: HeatMap, right: HeatMap) -> Bool {
        left.svg == right.svg
    }

    private static let labelSize = 11.5
    private static let top = 66.0

    /// The chart as an `<svg>` element.
    public var svg: String {
        let texts = values.map { $0.map(cellText) }
        let widestText = (texts.flatMap { $0 } + columnLabels).map { estimatedTextWidth($0, size: Self.labelSize) }.max() ?? 0
        let cellSize = min(max(40, widestText + 10), 90)
        let widestRow = rowLabels.map { estimatedTextWidth(fitted($0, size: Self.labelSize, width: 160), size: Self.labelSize) }.max() ?? 0
        let left = 8 + PlotFrame.axisTitleSize + 10 + widestRow + 8
        let gridWidth = cellSize * Double(columnLabels.count)
        let gridHeight = cellSize * Double(rowLabels.count)
        let width = max(left + gridWidth + 18, estimatedTextWidth(title, size: PlotFrame.chartTitleSize) + 24, 220)
        var document = SVGDocument(width: width, height: Self.top + gridHeight + 12, title: title)
        document.add(PlotFrame.chartTitle(title, chartWidth: width))
        document.add(labels(left: left, cellSize: cellSize))
        document.add(cells(texts: texts, left: left, cellSize: cellSize))
        return document.markup
    }

    private func cellText(_ value: Double) -> String {
        value.isFinite ? formatFixed(value, decimals: decimals) : "–"
    }

    /// `valueRange`, or the finite values' min…max.
    private var resolvedRange: ClosedRange<Double> {
        let finite = values.flatMap { $0 }.filter(\.isFinite)
        return valueRange ?? ((finite.min() ?? 0)...(finite.max() ?? 1))
    }

    private func labels(left: Double, cellSize: Double) -> SVGElement {
        let gridWidth = cellSize * Double(columnLabels.count)
        let gridHeight = cellSize * Double(rowLabels.count)
        var elements: [SVGElement] = [
            .text(fitted(columnAxis.text, size: PlotFrame.axisTitleSize, width: max(gridWidth, 120)), x: left + gridWidth / 2, y: 42,
                  anchor: .middle, size: PlotFrame.axisTitleSize),
            .text(fitted(rowAxis.text, size: PlotFrame.axisTitleSize, width: max(gridHeight, 120)), x: 8 + PlotFrame.axisTitleSize,
                  y: Self.top + gridHeight / 2, anchor: .middle, size: PlotFrame.axisTitleSize, rotation: -90),
        ]
        for (column, label) in columnLabels.enumerated() {
            elements.append(.text(fitted(label, size: Self.labelSize, width: cellSize - 4), x: left + (Double(column) + 0.5) * cellSize,
                                  y: Self.top - 6, anchor: .middle, size: Self.labelSize))
        }
        for (row, label) in rowLabels.enumerated() {
            elements.append(.text(fitted(label, size: Self.labelSize, width: 160), x: left - 6, y: Self.top + (Double(row) + 0.5) * cellSize,
                                  anchor: .end, size: Self.labelSize, verticalShift: 0.35))
        }
        return .group(elements, className: "labels", attributes: [("fill", "#222222")])
    }

    private func cells(texts: [[String]], left: Double, cellSize: Double) -> SVGElement {
        let range = resolvedRange
        let span = range.upperBound - range.lowerBound
        var cells: [SVGElement] = []
        for (row, rowValues) in values.enumerated() {
            for (column, value) in rowValues.enumerated() {
                let fill = value.isFinite ? colorMap.color(at: span > 0 ? (value - range.lowerBound) / span : 1) : RGBColor(red: 0xEE, green: 0xEE, blue: 0xEE)
                let x = left + Double(column) * cellSize, y = Self.top + Double(row) * cellSize
                cells.append(SVGElement.group([
                    .rect(x: x, y: y, width: cellSize, height: cellSize, fill: fill.hex, stroke: "#ffffff"),
                    .text(texts[row][column], x: x + cellSize / 2, y: y + cellSize / 2, anchor: .middle,
                          size: Self.labelSize, verticalShift: 0.35, fill: fill.contrastingText.hex),
                ], className: "cell").withTooltip("\(rowAxis.name) \(rowLabels[row]), \(columnAxis.name) \(columnLabels[column]): \(texts[row][column])"))
            }
        }
        if let markedCell, values.indices.contains(markedCell.row), columnLabels.indices.contains(markedCell.column) {
            cells.append(.rect(x: left + Double(markedCell.column) * cellSize + 1.5, y: Self.top + Double(markedCell.row) * cellSize + 1.5,
                               width: cellSize - 3, height: cellSize - 3, stroke: "#000000", strokeWidth: 3))
        }
        for cell in crossedCells where values.indices.contains(cell.row) && columnLabels.indices.contains(cell.column) {
            let x = left + Double(cell.column) * cellSize, y = Self.top + Double(cell.row) * cellSize, inset = cellSize * 0.12
            let cross = SVGPathData().move(to: (x + inset, y + inset)).line(to: (x + cellSize - inset, y + cellSize - inset))
                .move(to: (x + inset, y + cellSize - inset)).line(to: (x + cellSize - inset, y + inset))
            cells.append(SVGElement.path(cross, stroke: "#c0392b", strokeWidth: 2.5).withOpacity(0.85))
        }
        return .group(cells, className: "cells")
    }
}

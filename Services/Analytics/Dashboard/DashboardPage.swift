import Foundation

/// The dashboard's HTML: headline figures, 12-month trends, a compound ranking and coverage gaps.
struct DashboardPage {
    let data: DashboardData

    var html: String {
        """
        <!doctype html>
        <html lang="zh-CN"><head><meta charset="utf-8"><title>邻里 · 数据看板 \(data.month)</title>
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <style>\(Self.style)</style></head>
        <body><header><h1>邻里 · 基层治理数据看板</h1><p>\(Self.escape(data.month)) · 数据按事件发生时的小区与网格统计；少于 5 人的数值不予显示</p></header>
        <section class="figures">\(figures)</section>
        <section><h2>近 12 个月趋势</h2><div class="grid">\(trends)</div></section>
        <section class="grid">
        <div><h2>小区参与人次排行（本月）</h2>\(ranking)</div>
        <div><h2>户覆盖率最低的小区（本月）</h2>\(gaps)</div>
        </section>
        <section><h2>本月未开展活动的小区</h2><p class="list">\(idle)</p></section>
        </body></html>
        """
    }

    private var figures: String {
        data.overview.figures.map { figure in
            let value = figure.suppressed ? "<span class=\"muted\">&lt;5</span>" : figure.value.map { SVGChart.format($0, unit: figure.unit) } ?? "—"
            let previous = figure.previous.map { "上月 " + SVGChart.format($0, unit: figure.unit) } ?? "上月 —"
            return "<div class=\"figure\"><div class=\"name\">\(Self.escape(figure.nameZh))</div><div class=\"value\">\(value)</div>"
                + "<div class=\"previous\">\(Self.escape(previous))</div></div>"
        }.joined()
    }

    private var trends: String {
        data.trends.map { trend in
            let unit = trend.title == "户覆盖率" ? "share" : "count"
            return "<figure><figcaption>\(Self.escape(trend.title))</figcaption>\(SVGChart.line(trend.points, unit: unit))</figure>"
        }.joined()
    }

    private var ranking: String {
        guard !data.ranking.isEmpty else { return "<p class=\"muted\">本月暂无数据</p>" }
        return SVGChart.bars(data.ranking.map { ($0.name, $0.value, $0.suppressed ? "<5" : nil) }, unit: "count")
    }

    private var gaps: String {
        guard !data.gaps.isEmpty else { return "<p class=\"muted\">本月暂无数据</p>" }
        return SVGChart.bars(data.gaps.map { ($0.name, $0.value, nil) }, unit: "share")
    }

    private var idle: String {
        data.withoutActivities.isEmpty ? "无" : data.withoutActivities.map(Self.escape).joined(separator: "、")
    }

    /// Escapes text for HTML.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static let style = """
        body{font-family:"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#f6f4f0;color:#222}
        header{background:#b71c1c;color:#fff;padding:16px 24px}header h1{margin:0;font-size:22px}header p{margin:4px 0 0;font-size:13px;opacity:.9}
        section{padding:8px 24px}h2{font-size:16px;margin:12px 0 8px}
        .figures{display:grid;grid-template-columns:repeat(6,1fr);gap:10px;padding-top:16px}
        .figure{background:#fff;border-radius:6px;padding:10px 12px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
        .figure .name{font-size:13px;color:#555}.figure .value{font-size:24px;font-weight:600;color:#b71c1c}.figure .previous{font-size:12px;color:#888}
        .grid{display:grid;grid-template-columns:1fr 1fr;gap:12px}figure{margin:0;background:#fff;border-radius:6px;padding:8px}
        figcaption{font-size:14px;margin-bottom:4px}.chart{width:100%;height:auto;background:#fff}
        .axis{stroke:#999;stroke-width:1}.series{fill:none;stroke:#b71c1c;stroke-width:2}.dot{fill:#b71c1c}
        .tick{font-size:10px;fill:#666}.label{font-size:12px;fill:#333}.bar{fill:#e57373}.muted{color:#999}.list{font-size:14px;line-height:1.8}
        """
}

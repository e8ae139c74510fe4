using System.Globalization;
using System.Net;
using System.Text;

namespace LlmIngest.Cli.Report;

/// <summary>
/// Draws the report's charts as inline SVG on the server: no script, no network. Every bar or point is an element with
/// class <c>dp</c> and a <c>data-value</c>, with a <c>&lt;title&gt;</c> the browser shows on hover.
/// </summary>
internal static class SvgChart
{
    private const int Width = 760;
    private const int Height = 260;
    private const int Left = 64;
    private const int Right = 16;
    private const int Top = 16;
    private const int Bottom = 48;

    public static string Bars(string id, string title, IReadOnlyList<ChartPoint> points, string color, Func<double, string> axisFormat, IReadOnlyList<(double Value, string Label)>? markers = null)
    {
        var svg = Begin(id, title, points.Count);
        if (points.Count == 0)
        {
            return Empty(svg);
        }

        var max = NiceMax(points.Max(p => p.Value));
        YAxis(svg, max, axisFormat);
        var plotWidth = Width - Left - Right;
        var slot = (double)plotWidth / points.Count;
        var barWidth = Math.Clamp(slot * 0.8, 1, 60);
        var labelEvery = LabelEvery(points, Width - Left - Right);
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            var h = max <= 0 ? 0 : (Height - Top - Bottom) * p.Value / max;
            var x = Left + (i * slot) + ((slot - barWidth) / 2);
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"dp bar\" data-value=\"{Data(p.Value)}\" x=\"{Num(x)}\" y=\"{Num(Height - Bottom - h)}\" width=\"{Num(barWidth)}\" height=\"{Num(h)}\" fill=\"{color}\"><title>{Encode(p.Tooltip)}</title></rect>");
            if (i % labelEvery == 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"xlabel\" x=\"{Num(Left + (i * slot) + (slot / 2))}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{Encode(p.Label)}</text>");
            }
        }

        var row = 0;
        foreach (var (value, label) in markers ?? [])
        {
            // Markers sit on the category axis: value is a fractional bar index. Labels step down so close ones stay legible.
            var x = Left + (value * slot);
            var anchor = x > Width - 120 ? "end" : "start";
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"marker\" x1=\"{Num(x)}\" x2=\"{Num(x)}\" y1=\"{Top}\" y2=\"{Height - Bottom}\" stroke=\"#444\" stroke-dasharray=\"4 3\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"marker-label\" x=\"{Num(anchor == "end" ? x - 3 : x + 3)}\" y=\"{Top + 10 + (row++ * 13)}\" text-anchor=\"{anchor}\">{Encode(label)}</text>");
        }

        return End(svg);
    }

    public static string Line(string id, string title, IReadOnlyList<ChartPoint> points, string color, Func<double, string> axisFormat)
    {
        var svg = Begin(id, title, points.Count);
        if (points.Count == 0)
        {
            return Empty(svg);
        }

        var max = NiceMax(points.Max(p => p.Value));
        YAxis(svg, max, axisFormat);
        var plotWidth = Width - Left - Right;
        var step = points.Count == 1 ? 0 : (double)plotWidth / (points.Count - 1);
        var labelEvery = LabelEvery(points, Width - Left - Right);
        var path = new StringBuilder();
        var dots = new StringBuilder();
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            var x = points.Count == 1 ? Left + (plotWidth / 2.0) : Left + (i * step);
            var y = Height - Bottom - (max <= 0 ? 0 : (Height - Top - Bottom) * p.Value / max);
            path.Append(i == 0 ? "M" : " L").Append(Num(x)).Append(',').Append(Num(y));
            dots.Append(CultureInfo.InvariantCulture, $"<circle class=\"dp point\" data-value=\"{Data(p.Value)}\" cx=\"{Num(x)}\" cy=\"{Num(y)}\" r=\"3.5\" fill=\"{color}\"><title>{Encode(p.Tooltip)}</title></circle>");
            if (i % labelEvery == 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"xlabel\" x=\"{Num(x)}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{Encode(p.Label)}</text>");
            }
        }

        svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{path}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"/>").Append(dots);
        return End(svg);
    }

    public static string HorizontalBars(string id, string title, IReadOnlyList<ChartPoint> points, string color)
    {
        const int row = 26;
        const int labelWidth = 180;
        var height = Math.Max(60, Top + (points.Count * row) + 12);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" id=\"{id}\" data-points=\"{points.Count}\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\" role=\"img\" aria-label=\"{Encode(title)}\" xmlns=\"http://www.w3.org/2000/svg\">");
        if (points.Count == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"34\" text-anchor=\"middle\" class=\"empty\">no errors</text></svg>");
            return svg.ToString();
        }

        var max = points.Max(p => p.Value);
        var plot = Width - labelWidth - 90;
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            var y = Top + (i * row);
            var w = max <= 0 ? 0 : plot * p.Value / max;
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"ylabel\" x=\"{labelWidth - 8}\" y=\"{y + 15}\" text-anchor=\"end\">{Encode(p.Label)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"dp bar\" data-value=\"{Data(p.Value)}\" x=\"{labelWidth}\" y=\"{y + 3}\" width=\"{Num(Math.Max(1, w))}\" height=\"{row - 8}\" fill=\"{color}\"><title>{Encode(p.Tooltip)}</title></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"value\" x=\"{Num(labelWidth + Math.Max(1, w) + 6)}\" y=\"{y + 15}\">{Encode(p.Value.ToString("N0", CultureInfo.InvariantCulture))}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>Label every n-th point so labels (about 6.5 px a character at 11 px) never overlap.</summary>
    private static int LabelEvery(IReadOnlyList<ChartPoint> points, int plotWidth)
    {
        var longest = points.Max(p => p.Label.Length);
        var fit = Math.Max(1, (int)(plotWidth / ((longest * 6.5) + 14)));
        return Math.Max(1, (int)Math.Ceiling(points.Count / (double)fit));
    }

    private static StringBuilder Begin(string id, string title, int count)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" id=\"{id}\" data-points=\"{count}\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"{Encode(title)}\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"#999\"/>");
        return svg;
    }

    private static string Empty(StringBuilder svg) =>
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"{Height / 2}\" text-anchor=\"middle\" class=\"empty\">no data</text></svg>").ToString();

    private static string End(StringBuilder svg) => svg.Append("</svg>").ToString();

    private static void YAxis(StringBuilder svg, double max, Func<double, string> format)
    {
        for (var i = 0; i <= 4; i++)
        {
            var value = max * i / 4;
            var y = Height - Bottom - ((Height - Top - Bottom) * i / 4.0);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Num(y)}\" y2=\"{Num(y)}\" stroke=\"#e5e5e5\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"ylabel\" x=\"{Left - 6}\" y=\"{Num(y + 4)}\" text-anchor=\"end\">{Encode(format(value))}</text>");
        }
    }

    /// <summary>The axis top: four round ticks (1, 2, 2.5 or 5 times a power of ten) reaching at least <paramref name="value"/>.</summary>
    public static double NiceMax(double value) => value <= 0 || !double.IsFinite(value) ? 4 : 4 * NiceStep(value / 4);

    private static double NiceStep(double value)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var factor in new[] { 1.0, 2.0, 2.5, 5.0, 10.0 })
        {
            if (factor * magnitude >= value)
            {
                return factor * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static string Num(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A data value at full precision, for <c>data-value</c>: readers of the page (and tests) can add them up.</summary>
    private static string Data(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}

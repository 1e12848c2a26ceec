using System.Text.RegularExpressions;

namespace ConcertationBot.Tests.Bot.Dashboard;

/// <summary>One cell of a dashboard data table: what a person reads, and the invariant number the chart draws (null when none).</summary>
internal sealed record DashboardCell(string Text, string? Value);

/// <summary>Reads the dashboard page's data tables (the page is the bot's own, well-formed HTML).</summary>
internal static partial class DashboardHtml
{
    /// <summary>The body rows of the table with this id, each a list of cells (the row header first).</summary>
    public static IReadOnlyList<IReadOnlyList<DashboardCell>> Rows(string html, string tableId)
    {
        var table = Regex.Match(html, $"<table[^>]*id=\"{Regex.Escape(tableId)}\"[^>]*>(.*?)</table>", RegexOptions.Singleline);
        Assert.True(table.Success, $"No table {tableId} in the page.");
        var body = Regex.Match(table.Groups[1].Value, "<tbody>(.*?)</tbody>", RegexOptions.Singleline).Groups[1].Value;
        return [.. RowPattern().Matches(body).Select(row => (IReadOnlyList<DashboardCell>)[.. CellPattern().Matches(row.Groups[1].Value).Select(Cell)])];
    }

    /// <summary>The links (<c>href</c>, decoded) of the table with this id, in order.</summary>
    public static IReadOnlyList<string> Links(string html, string tableId)
    {
        var table = Regex.Match(html, $"<table[^>]*id=\"{Regex.Escape(tableId)}\"[^>]*>(.*?)</table>", RegexOptions.Singleline);
        Assert.True(table.Success, $"No table {tableId} in the page.");
        return [.. Regex.Matches(table.Groups[1].Value, "href=\"([^\"]*)\"").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];
    }

    public static string Text(string fragment) => WebUtility.HtmlDecode(Regex.Replace(fragment, "<[^>]+>", string.Empty)).Trim();

    private static DashboardCell Cell(Match cell)
    {
        var value = Regex.Match(cell.Groups[1].Value, "data-value=\"([^\"]*)\"");
        return new DashboardCell(Text(cell.Groups[2].Value), value.Success ? (value.Groups[1].Value.Length == 0 ? null : value.Groups[1].Value) : null);
    }

    [GeneratedRegex("<tr>(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("<t[hd]([^>]*)>(.*?)</t[hd]>", RegexOptions.Singleline)]
    private static partial Regex CellPattern();
}

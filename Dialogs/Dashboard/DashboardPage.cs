using System.Globalization;
using System.Text;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Cards.Profiles;
using ConcertationBot.Cards.Roadmap;
using ConcertationBot.Dialogs.Export;
using ConcertationBot.Dialogs.Rencontres;

namespace ConcertationBot.Dialogs.Dashboard;

/// <summary>
/// The dashboard page: one HTML document, with no inline script or style (the page's Content-Security-Policy allows
/// only its own origin's files), every chart a <c>&lt;canvas&gt;</c> drawn by the page script from the data table
/// beneath it. A table marks its chart with <c>data-chart</c> (<c>bar</c>, or <c>bar-horizontal</c>) and
/// <c>data-stacked</c>; a column header with <c>data-series</c> (<c>bar</c> or <c>line</c>) and <c>data-axis</c>
/// (<c>y</c> or <c>y2</c>) is a dataset, its cells' <c>data-value</c> the numbers (empty where the small-group rule
/// withheld them). The tables are the figures: the chart only draws what they say.
/// </summary>
public static partial class DashboardPage
{
    /// <summary>The most votes the page shows, newest first.</summary>
    public const int MaxVotes = 5;

    public static string Render(DashboardInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var language = input.Language;
        var k = input.MinimumGroupSize;
        var html = new StringBuilder(16_384);
        var code = Languages.ToCode(language);
        html.Append(Head(code, Title.For(language), input.AssetsPath, withScripts: true));
        html.Append(CultureInfo.InvariantCulture, $"""
            <body>
            <header>
            <h1>{E(Title.For(language))}</h1>
            <p class="lede">{E(Lede.Format(language, k))}</p>
            <p class="no-print"><button type="button" id="print-page" hidden>{E(Print.For(language))}</button></p>
            <noscript><p>{E(ChartsOff.For(language))}</p></noscript>
            </header>
            <main>

            """);
        Roadmap(html, input, language);
        Trends(html, input, language, k);
        Votes(html, input, language);
        Rencontres(html, input, language);
        html.Append(CultureInfo.InvariantCulture, $"""
            </main>
            <footer><p>{E(Footer.Format(language, input.ExpiresText))}</p></footer>
            </body>
            </html>

            """);
        return html.ToString();
    }

    /// <summary>The page for a link that is not (or no longer) valid, in French then English, with nothing from storage.</summary>
    public static string InvalidLink(string assetsPath) =>
        Head("fr", Title.For(Language.French) + " · " + Title.For(Language.English), assetsPath, withScripts: false) + $"""
        <body>
        <main>
        <p>{E(LinkInvalid.For(Language.French))}</p>
        <p lang="en">{E(LinkInvalid.For(Language.English))}</p>
        </main>
        </body>
        </html>

        """;

    /// <summary>The document's start up to its <c>&lt;/head&gt;</c>: the stylesheet, and the two scripts when <paramref name="withScripts"/>.</summary>
    internal static string Head(string languageCode, string title, string assetsPath, bool withScripts)
    {
        var scripts = withScripts
            ? $"<script src=\"{E(assetsPath)}chart.umd.js\" defer></script>\n<script src=\"{E(assetsPath)}dashboard.js\" defer></script>\n"
            : string.Empty;
        return $"""
            <!DOCTYPE html>
            <html lang="{languageCode}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light dark">
            <meta name="robots" content="noindex">
            <title>{E(title)}</title>
            <link rel="icon" href="{E(assetsPath)}favicon.svg" type="image/svg+xml">
            <link rel="stylesheet" href="{E(assetsPath)}dashboard.css">
            {scripts}</head>

            """;
    }

    private static void Roadmap(StringBuilder html, DashboardInput input, Language language)
    {
        html.Append(CultureInfo.InvariantCulture, $"<section id=\"roadmap\" aria-labelledby=\"roadmap-h\">\n<h2 id=\"roadmap-h\">{E(RoadmapHeading.For(language))}</h2>\n");
        if (input.Roadmap is not { } plan || (plan.Vision is null && plan.Items.Count == 0))
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(NoRoadmap.For(language))}</p>\n</section>\n");
            return;
        }

        if (plan.Vision is { Length: > 0 } vision)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"vision\"><strong>{E(Vision.For(language))}</strong> {E(vision)}</p>\n");
        }

        html.Append("<div class=\"horizons\">\n");
        foreach (var horizon in RoadmapCard.HorizonCodes)
        {
            var items = plan.Items.Where(i => i.Horizon.ToString() == horizon).ToList();
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"horizon\">\n<h3>{E(RoadmapCard.HorizonName(language, horizon))}</h3>\n");
            if (items.Count == 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"<p class=\"empty\">{E(NoItem.For(language))}</p>\n</div>\n");
                continue;
            }

            html.Append("<ul>\n");
            foreach (var item in items)
            {
                // The carriers are names typed by coordinators: the dashboard shows no name, so they stay on the card.
                var status = item.Status.ToString();
                html.Append(CultureInfo.InvariantCulture, $"<li><span class=\"status status-{E(status.ToLowerInvariant())}\">{E(RoadmapCard.StatusName(language, status))}</span> {E(item.Text)}");
                if (item.Indicator is { Length: > 0 } indicator)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<br><span class=\"indicator\">{E(Indicator.Format(language, indicator))}</span>");
                }

                html.Append("</li>\n");
            }

            html.Append("</ul>\n</div>\n");
        }

        html.Append("</div>\n</section>\n");
    }

    private static void Trends(StringBuilder html, DashboardInput input, Language language, int k)
    {
        html.Append(CultureInfo.InvariantCulture, $"<section id=\"trends\" aria-labelledby=\"trends-h\">\n<h2 id=\"trends-h\">{E(TrendsHeading.For(language))}</h2>\n");
        var trends = DashboardAggregates.Trends(input.Pulses, k, language);
        if (trends.Points.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(NoPulse.For(language))}</p>\n</section>\n");
            return;
        }

        Participation(html, trends, language);
        RoleClarity(html, trends, language, k);
        Continuum(html, trends, language, k);
        Profiles(html, trends, language, k);
        html.Append("</section>\n");
    }

    private static void Participation(StringBuilder html, DashboardTrends trends, Language language)
    {
        Figure(html, "participation", ParticipationHeading.For(language), ParticipationChart.For(language), "bar", stacked: false, " data-y-max=\"100\"");
        html.Append(CultureInfo.InvariantCulture, $"<thead><tr><th scope=\"col\">{E(PulseDate.For(language))}</th><th scope=\"col\">{E(Answers.For(language))}</th><th scope=\"col\">{E(Members.For(language))}</th><th scope=\"col\" data-series=\"bar\" data-axis=\"y\">{E(Rate.For(language))}</th></tr></thead>\n<tbody>\n");
        foreach (var point in trends.Points)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{E(Label(point, language))}</th>{Cell(point.Answers, language)}{Cell(point.Members, language)}{Cell(point.ParticipationPercent, language)}</tr>\n");
        }

        EndFigure(html);
    }

    private static void RoleClarity(StringBuilder html, DashboardTrends trends, Language language, int k)
    {
        var points = trends.Points.Where(p => p.RoleClarity is not null).ToList();
        if (points.Count == 0)
        {
            return;
        }

        var values = Enumerable.Range(trends.RatingMin, trends.RatingMax - trends.RatingMin + 1).ToList();
        Figure(html, "role-clarity", RoleClarityHeading.For(language), RoleClarityChart.Format(language, trends.RatingMin, trends.RatingMax), "bar", stacked: true,
            string.Create(CultureInfo.InvariantCulture, $" data-y2-min=\"{trends.RatingMin}\" data-y2-max=\"{trends.RatingMax}\""));
        html.Append(CultureInfo.InvariantCulture, $"<thead><tr><th scope=\"col\">{E(PulseDate.For(language))}</th><th scope=\"col\">{E(Ratings.For(language))}</th><th scope=\"col\">{E(DontKnow.For(language))}</th><th scope=\"col\" data-series=\"line\" data-axis=\"y2\">{E(Mean.For(language))}</th><th scope=\"col\">{E(Spread.For(language))}</th>");
        foreach (var value in values)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\" data-series=\"bar\" data-axis=\"y\">{E(RatingValue.Format(language, value))}</th>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\">{E(Note.For(language))}</th></tr></thead>\n<tbody>\n");
        foreach (var point in points)
        {
            var rating = point.RoleClarity!;
            html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{E(Label(point, language))}</th>{Cell(rating.Numeric, language)}{Cell(rating.DontKnow, language)}{Cell(Round(rating.Mean), language)}{Cell(Round(rating.Spread), language)}");
            foreach (var value in values)
            {
                var index = value - rating.Min;
                int? count = rating.Distribution is { } distribution && index >= 0 && index < distribution.Count ? distribution[index] : null;
                html.Append(Cell(count, language));
            }

            html.Append(CultureInfo.InvariantCulture, $"<td>{(rating.Withheld ? E(Withheld.Format(language, k)) : string.Empty)}</td></tr>\n");
        }

        EndFigure(html);
    }

    private static void Continuum(StringBuilder html, DashboardTrends trends, Language language, int k)
    {
        var points = trends.Points.Where(p => p.Continuum is not null).ToList();
        if (points.Count == 0 || trends.ContinuumLevels.Count == 0)
        {
            return;
        }

        Figure(html, "continuum", ContinuumHeading.For(language), ContinuumChart.For(language), "bar", stacked: true);
        html.Append(CultureInfo.InvariantCulture, $"<thead><tr><th scope=\"col\">{E(PulseDate.For(language))}</th><th scope=\"col\">{E(Answers.For(language))}</th><th scope=\"col\">{E(Median.For(language))}</th>");
        foreach (var level in trends.ContinuumLevels)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\" data-series=\"bar\" data-axis=\"y\">{E(level.Label)}</th>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\">{E(Note.For(language))}</th></tr></thead>\n<tbody>\n");
        foreach (var point in points)
        {
            var continuum = point.Continuum!;
            var median = trends.ContinuumLevels.FirstOrDefault(l => l.OptionId == continuum.MedianOptionId)?.Label ?? "—";
            html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{E(Label(point, language))}</th>{Cell(continuum.Answers, language)}<td>{E(continuum.Withheld ? "—" : median)}</td>");
            for (var i = 0; i < trends.ContinuumLevels.Count; i++)
            {
                html.Append(Cell(continuum.Distribution is { } distribution ? distribution[i] : null, language));
            }

            html.Append(CultureInfo.InvariantCulture, $"<td>{(continuum.Withheld ? E(Withheld.Format(language, k)) : string.Empty)}</td></tr>\n");
        }

        EndFigure(html);
    }

    /// <summary>
    /// Participation by profile across the pulses that have it: a table only (one row per pulse, one column per category
    /// declared in any of them); "moins de k" where k hides a cell, "—" where the category had no declared member.
    /// </summary>
    private static void Profiles(StringBuilder html, DashboardTrends trends, Language language, int k)
    {
        var points = trends.Points.Where(p => p.Profiles is { Count: > 0 }).ToList();
        if (points.Count == 0)
        {
            return;
        }

        var categories = points.SelectMany(p => p.Profiles!).Select(p => p.Category).Distinct(StringComparer.Ordinal).ToList();
        html.Append(CultureInfo.InvariantCulture, $"<h3>{E(ProfilesHeading.For(language))}</h3>\n<p class=\"meta\">{E(ProfilesCells.For(language))}</p>\n<div class=\"table-wrap\" tabindex=\"0\">\n<table class=\"data\" id=\"profiles-table\">\n<thead><tr><th scope=\"col\">{E(PulseDate.For(language))}</th>");
        foreach (var category in categories)
        {
            var label = ProfileChoices.CategoryOf(category) is { } known ? ProfileChoices.Label(known, language) : category;
            html.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\">{E(label)}</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var point in points)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{E(Label(point, language))}</th>");
            foreach (var category in categories)
            {
                var profile = point.Profiles!.FirstOrDefault(p => p.Category == category);
                var cell = profile is null ? "—"
                    : profile.Answered is { } answered && profile.Members is { } members
                        ? ProfileCell.Format(language, Number(answered, language), Number(members, language))
                        : UnderK.Format(language, k);
                html.Append(CultureInfo.InvariantCulture, $"<td>{E(cell)}</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n</div>\n");
    }

    private static void Votes(StringBuilder html, DashboardInput input, Language language)
    {
        html.Append(CultureInfo.InvariantCulture, $"<section id=\"votes\" aria-labelledby=\"votes-h\">\n<h2 id=\"votes-h\">{E(VotesHeading.For(language))}</h2>\n");
        if (input.Votes.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(NoVote.For(language))}</p>\n");
        }

        var n = 0;
        foreach (var vote in input.Votes.Take(MaxVotes))
        {
            n++;
            var result = vote.Result;
            var line = VoteLine.Format(language, Date(vote.ClosedOn, language), Number(result.Participation, language));
            if (result.WithheldBelow is { } below || result.Hidden)
            {
                var why = result.WithheldBelow is { } k ? VoteWithheld.Format(language, k) : VoteHidden.For(language);
                html.Append(CultureInfo.InvariantCulture, $"<div class=\"vote\">\n<h3>{E(result.Question)}</h3>\n<p class=\"meta\">{E(line)}</p>\n<p>{E(why)}</p>\n<ul>\n");
                foreach (var option in result.RankedOptions)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<li>{E(option.Option)}</li>\n");
                }

                html.Append("</ul>\n</div>\n");
                continue;
            }

            var unit = result.Unit == VoteScoreUnit.Points ? Points.For(language) : VotesUnit.For(language);
            Figure(html, "vote-" + n.ToString(CultureInfo.InvariantCulture), result.Question, line, "bar-horizontal", stacked: false);
            html.Append(CultureInfo.InvariantCulture, $"<thead><tr><th scope=\"col\">{E(Option.For(language))}</th><th scope=\"col\">{E(Rank.For(language))}</th><th scope=\"col\" data-series=\"bar\" data-axis=\"y\">{E(unit)}</th></tr></thead>\n<tbody>\n");
            foreach (var option in result.RankedOptions)
            {
                var rank = Number(option.Rank, language) + (option.Tied ? "=" : string.Empty);
                html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{E(option.Option)}</th><td>{E(rank)}</td>{Cell(option.Score, language)}</tr>\n");
            }

            EndFigure(html);
        }

        html.Append("</section>\n");
    }

    private static void Rencontres(StringBuilder html, DashboardInput input, Language language)
    {
        html.Append(CultureInfo.InvariantCulture, $"<section id=\"rencontres\" aria-labelledby=\"rencontres-h\">\n<h2 id=\"rencontres-h\">{E(RencontresHeading.For(language))}</h2>\n");
        if (input.Rencontres.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(NoRencontre.For(language))}</p>\n</section>\n");
            return;
        }

        html.Append(CultureInfo.InvariantCulture, $"<div class=\"table-wrap\" tabindex=\"0\">\n<table class=\"data\" id=\"rencontres-table\">\n<thead><tr><th scope=\"col\">{E(RencontreDate.For(language))}</th><th scope=\"col\">{E(Theme.For(language))}</th><th scope=\"col\">{E(Intention.For(language))}</th></tr></thead>\n<tbody>\n");
        foreach (var rencontre in input.Rencontres)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{E(RencontreDates.Write(rencontre.Date, language))}</th><td>{E(rencontre.Theme)}</td><td>{E(rencontre.Intention ?? string.Empty)}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</div>\n</section>\n");
    }

    /// <summary>A figure: its heading, a canvas the script draws on (described by the caption), and the table's start.</summary>
    private static void Figure(StringBuilder html, string id, string heading, string caption, string chart, bool stacked, string axes = "")
    {
        html.Append(CultureInfo.InvariantCulture, $"""
            <figure class="chart-figure" id="{id}">
            <h3>{E(heading)}</h3>
            <figcaption id="{id}-caption">{E(caption)}</figcaption>
            <div class="chart"><canvas role="img" aria-labelledby="{id}-caption"></canvas></div>
            <div class="table-wrap" tabindex="0">
            <table class="data" id="{id}-table" data-chart="{chart}" data-stacked="{(stacked ? "true" : "false")}"{axes} aria-describedby="{id}-caption">

            """);
    }

    private static void EndFigure(StringBuilder html) => html.Append("</tbody>\n</table>\n</div>\n</figure>\n");

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 2) : null;

    /// <summary>A number cell: the value as the language writes it, and invariant in <c>data-value</c>; empty when withheld.</summary>
    private static string Cell(double? value, Language language) => value is { } v
        ? $"<td data-value=\"{v.ToString(CultureInfo.InvariantCulture)}\">{E(Number(v, language))}</td>"
        : "<td data-value=\"\">—</td>";

    private static string Number(double value, Language language) => value.ToString("0.##", Culture(language));

    private static CultureInfo Culture(Language language) => CultureInfo.GetCultureInfo(language == Language.English ? "en-CA" : "fr-CA");

    private static string Date(DateOnly date, Language language) => RencontreDates.Write(date, language);

    /// <summary>A pulse's row and chart label: the day it closed, with its rank that day when several closed the same day.</summary>
    private static string Label(PulseTrendPoint point, Language language) =>
        point.SameDay > 0 ? SameDayLabel.Format(language, Date(point.ClosedOn, language), point.SameDay) : Date(point.ClosedOn, language);

    /// <summary>
    /// Text or attribute value escaped for HTML: only <c>&amp; &lt; &gt; " '</c> (the page is UTF-8; accented letters stay
    /// as they are, where <c>WebUtility.HtmlEncode</c> would write <c>&amp;#233;</c>).
    /// </summary>
    public static string E(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("\"", "&quot;", StringComparison.Ordinal)
            .Replace("'", "&#39;", StringComparison.Ordinal);
    }
}

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
        var words = new SharedLanguage(input.Bilingual ? Language.French : input.Language, input.Bilingual);
        var k = input.MinimumGroupSize;
        var html = new StringBuilder(16_384);
        var title = words.Bilingual ? Title.For(Language.French) + " · " + Title.For(Language.English) : Title.For(words.Language);
        html.Append(Head(Languages.ToCode(words.Language), title, input.AssetsPath, withScripts: true));
        html.Append(CultureInfo.InvariantCulture, $"""
            <body>
            <header>
            <h1>{T(words, Title.For)}</h1>
            {Block(words, "p", "lede", l => Lede.Format(l, k))}
            <p class="no-print"><button type="button" id="print-page" hidden>{T(words, Print.For)}</button></p>
            <noscript>{Block(words, "p", null, ChartsOff.For)}</noscript>
            </header>
            <main>

            """);
        Roadmap(html, input, words);
        Trends(html, input, words, k);
        Votes(html, input, words);
        Rencontres(html, input, words);
        html.Append(CultureInfo.InvariantCulture, $"""
            </main>
            <footer>{Block(words, "p", null, l => Footer.Format(l, l == Language.English && input.EnglishExpiresText is { } english ? english : input.ExpiresText))}</footer>
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
    internal static string Head(string languageCode, string title, string assetsPath, bool withScripts) =>
        withScripts ? Head(languageCode, title, assetsPath, assetsPath + "chart.umd.js", assetsPath + "dashboard.js") : Head(languageCode, title, assetsPath);

    /// <summary>
    /// The start of every page the bot serves, up to its <c>&lt;/head&gt;</c>: the dashboard's stylesheet and icon from
    /// <paramref name="assetsPath"/>, then <paramref name="scriptUrls"/> (deferred, from the bot's origin: no inline script).
    /// </summary>
    public static string Head(string languageCode, string title, string assetsPath, params string[] scriptUrls)
    {
        ArgumentNullException.ThrowIfNull(scriptUrls);
        var scripts = string.Concat(scriptUrls.Select(url => $"<script src=\"{E(url)}\" defer></script>\n"));
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

    private static void Roadmap(StringBuilder html, DashboardInput input, SharedLanguage words)
    {
        html.Append(CultureInfo.InvariantCulture, $"<section id=\"roadmap\" aria-labelledby=\"roadmap-h\">\n<h2 id=\"roadmap-h\">{T(words, RoadmapHeading.For)}</h2>\n");
        if (input.Roadmap is not { } plan || (plan.Vision is null && plan.Items.Count == 0))
        {
            html.Append(CultureInfo.InvariantCulture, $"{Block(words, "p", null, NoRoadmap.For)}\n</section>\n");
            return;
        }

        if (plan.Vision is { Length: > 0 } vision)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"vision\"><strong>{T(words, Vision.For)}</strong> {E(vision)}</p>\n");
        }

        html.Append("<div class=\"horizons\">\n");
        foreach (var horizon in RoadmapCard.HorizonCodes)
        {
            var items = plan.Items.Where(i => i.Horizon.ToString() == horizon).ToList();
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"horizon\">\n<h3>{T(words, l => RoadmapCard.HorizonName(l, horizon))}</h3>\n");
            if (items.Count == 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"{Block(words, "p", "empty", NoItem.For)}\n</div>\n");
                continue;
            }

            html.Append("<ul>\n");
            foreach (var item in items)
            {
                // The carriers are names typed by coordinators: the dashboard shows no name, so they stay on the card.
                var status = item.Status.ToString();
                html.Append(CultureInfo.InvariantCulture, $"<li><span class=\"status status-{E(status.ToLowerInvariant())}\">{T(words, l => RoadmapCard.StatusName(l, status))}</span> {E(item.Text)}");
                if (item.Indicator is { Length: > 0 } indicator)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<br><span class=\"indicator\">{IndicatorLine(words, indicator)}</span>");
                }

                html.Append("</li>\n");
            }

            html.Append("</ul>\n</div>\n");
        }

        html.Append("</div>\n</section>\n");
    }

    /// <summary>"Indicateur : …"; on a bilingual page "Indicateur : / Indicator: …", the indicator (user text) once.</summary>
    private static string IndicatorLine(SharedLanguage words, string indicator) =>
        words.Bilingual
            ? $"{Both(Indicator.Format(Language.French, string.Empty).TrimEnd(), Indicator.Format(Language.English, string.Empty).TrimEnd())} {E(indicator)}"
            : E(Indicator.Format(words.Language, indicator));

    private static void Trends(StringBuilder html, DashboardInput input, SharedLanguage words, int k)
    {
        html.Append(CultureInfo.InvariantCulture, $"<section id=\"trends\" aria-labelledby=\"trends-h\">\n<h2 id=\"trends-h\">{T(words, TrendsHeading.For)}</h2>\n");
        var trends = DashboardAggregates.Trends(input.Pulses, k, words.Language);
        if (trends.Points.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"{Block(words, "p", null, NoPulse.For)}\n</section>\n");
            return;
        }

        var english = words.Bilingual ? DashboardAggregates.Trends(input.Pulses, k, Language.English).ContinuumLevels : null;
        Participation(html, trends, words);
        RoleClarity(html, trends, words, k);
        Continuum(html, trends, english, words, k);
        Profiles(html, trends, words, k);
        html.Append("</section>\n");
    }

    private static void Participation(StringBuilder html, DashboardTrends trends, SharedLanguage words)
    {
        Figure(html, "participation", T(words, ParticipationHeading.For), T(words, ParticipationChart.For), "bar", stacked: false, " data-y-max=\"100\"");
        html.Append(CultureInfo.InvariantCulture, $"<thead><tr><th scope=\"col\">{T(words, PulseDate.For)}</th><th scope=\"col\">{T(words, Answers.For)}</th><th scope=\"col\">{T(words, Members.For)}</th><th scope=\"col\" data-series=\"bar\" data-axis=\"y\">{T(words, Rate.For)}</th></tr></thead>\n<tbody>\n");
        foreach (var point in trends.Points)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{E(Label(point, words))}</th>{Cell(point.Answers, words)}{Cell(point.Members, words)}{Cell(point.ParticipationPercent, words)}</tr>\n");
        }

        EndFigure(html);
    }

    private static void RoleClarity(StringBuilder html, DashboardTrends trends, SharedLanguage words, int k)
    {
        var points = trends.Points.Where(p => p.RoleClarity is not null).ToList();
        if (points.Count == 0)
        {
            return;
        }

        var values = Enumerable.Range(trends.RatingMin, trends.RatingMax - trends.RatingMin + 1).ToList();
        Figure(html, "role-clarity", T(words, RoleClarityHeading.For), T(words, l => RoleClarityChart.Format(l, trends.RatingMin, trends.RatingMax)), "bar", stacked: true,
            string.Create(CultureInfo.InvariantCulture, $" data-y2-min=\"{trends.RatingMin}\" data-y2-max=\"{trends.RatingMax}\""));
        html.Append(CultureInfo.InvariantCulture, $"<thead><tr><th scope=\"col\">{T(words, PulseDate.For)}</th><th scope=\"col\">{T(words, Ratings.For)}</th><th scope=\"col\">{T(words, DontKnow.For)}</th><th scope=\"col\" data-series=\"line\" data-axis=\"y2\">{T(words, Mean.For)}</th><th scope=\"col\">{T(words, Spread.For)}</th>");
        foreach (var value in values)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\" data-series=\"bar\" data-axis=\"y\">{T(words, l => RatingValue.Format(l, value))}</th>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\">{T(words, Note.For)}</th></tr></thead>\n<tbody>\n");
        foreach (var point in points)
        {
            var rating = point.RoleClarity!;
            html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{E(Label(point, words))}</th>{Cell(rating.Numeric, words)}{Cell(rating.DontKnow, words)}{Cell(Round(rating.Mean), words)}{Cell(Round(rating.Spread), words)}");
            foreach (var value in values)
            {
                var index = value - rating.Min;
                int? count = rating.Distribution is { } distribution && index >= 0 && index < distribution.Count ? distribution[index] : null;
                html.Append(Cell(count, words));
            }

            html.Append(CultureInfo.InvariantCulture, $"<td>{(rating.Withheld ? T(words, l => Withheld.Format(l, k)) : string.Empty)}</td></tr>\n");
        }

        EndFigure(html);
    }

    private static void Continuum(StringBuilder html, DashboardTrends trends, IReadOnlyList<ContinuumLevel>? english, SharedLanguage words, int k)
    {
        var points = trends.Points.Where(p => p.Continuum is not null).ToList();
        if (points.Count == 0 || trends.ContinuumLevels.Count == 0)
        {
            return;
        }

        Figure(html, "continuum", T(words, ContinuumHeading.For), T(words, ContinuumChart.For), "bar", stacked: true);
        html.Append(CultureInfo.InvariantCulture, $"<thead><tr><th scope=\"col\">{T(words, PulseDate.For)}</th><th scope=\"col\">{T(words, Answers.For)}</th><th scope=\"col\">{T(words, Median.For)}</th>");
        foreach (var level in trends.ContinuumLevels)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\" data-series=\"bar\" data-axis=\"y\">{Both(level.Label, EnglishLevel(level.OptionId))}</th>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\">{T(words, Note.For)}</th></tr></thead>\n<tbody>\n");
        foreach (var point in points)
        {
            var continuum = point.Continuum!;
            var median = trends.ContinuumLevels.FirstOrDefault(l => l.OptionId == continuum.MedianOptionId) is { } level && !continuum.Withheld
                ? Both(level.Label, EnglishLevel(level.OptionId))
                : "—";
            html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{E(Label(point, words))}</th>{Cell(continuum.Answers, words)}<td>{median}</td>");
            for (var i = 0; i < trends.ContinuumLevels.Count; i++)
            {
                html.Append(Cell(continuum.Distribution is { } distribution ? distribution[i] : null, words));
            }

            html.Append(CultureInfo.InvariantCulture, $"<td>{(continuum.Withheld ? T(words, l => Withheld.Format(l, k)) : string.Empty)}</td></tr>\n");
        }

        EndFigure(html);

        // The level's English label on a bilingual page (null otherwise, or when the English template does not name it).
        string? EnglishLevel(string optionId) => english?.FirstOrDefault(l => l.OptionId == optionId)?.Label;
    }

    /// <summary>
    /// Participation by profile across the pulses that have it: a table only (one row per pulse, one column per category
    /// declared in any of them); "moins de k" where k hides a cell, "—" where the category had no declared member.
    /// </summary>
    private static void Profiles(StringBuilder html, DashboardTrends trends, SharedLanguage words, int k)
    {
        var points = trends.Points.Where(p => p.Profiles is { Count: > 0 }).ToList();
        if (points.Count == 0)
        {
            return;
        }

        var categories = points.SelectMany(p => p.Profiles!).Select(p => p.Category).Distinct(StringComparer.Ordinal).ToList();
        html.Append(CultureInfo.InvariantCulture, $"<h3>{T(words, ProfilesHeading.For)}</h3>\n<p class=\"meta\">{T(words, ProfilesCells.For)}</p>\n<div class=\"table-wrap\" tabindex=\"0\">\n<table class=\"data\" id=\"profiles-table\">\n<thead><tr><th scope=\"col\">{T(words, PulseDate.For)}</th>");
        foreach (var category in categories)
        {
            var label = ProfileChoices.CategoryOf(category) is { } known ? T(words, l => ProfileChoices.Label(known, l)) : E(category);
            html.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\">{label}</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var point in points)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{E(Label(point, words))}</th>");
            foreach (var category in categories)
            {
                var profile = point.Profiles!.FirstOrDefault(p => p.Category == category);
                var cell = profile is null ? "—"
                    : profile.Answered is { } answered && profile.Members is { } members
                        ? E(ProfileCell.Format(words.Language, Number(answered, words), Number(members, words)))
                        : T(words, l => UnderK.Format(l, k));
                html.Append(CultureInfo.InvariantCulture, $"<td>{cell}</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n</div>\n");
    }

    private static void Votes(StringBuilder html, DashboardInput input, SharedLanguage words)
    {
        html.Append(CultureInfo.InvariantCulture, $"<section id=\"votes\" aria-labelledby=\"votes-h\">\n<h2 id=\"votes-h\">{T(words, VotesHeading.For)}</h2>\n");
        if (input.Votes.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"{Block(words, "p", null, NoVote.For)}\n");
        }

        var n = 0;
        foreach (var vote in input.Votes.Take(MaxVotes))
        {
            n++;
            var result = vote.Result;
            var english = words.Bilingual ? vote.English : null;
            var question = Both(result.Question, english?.Question);
            var line = T(words, l => VoteLine.Format(l, RencontreDates.Write(vote.ClosedOn, words.Bilingual ? l : words.Language), Number(result.Participation, words)));
            if (result.WithheldBelow is { } below || result.Hidden)
            {
                var why = result.WithheldBelow is { } k ? Block(words, "p", null, l => VoteWithheld.Format(l, k)) : Block(words, "p", null, VoteHidden.For);
                html.Append(CultureInfo.InvariantCulture, $"<div class=\"vote\">\n<h3>{question}</h3>\n<p class=\"meta\">{line}</p>\n{why}\n<ul>\n");
                for (var i = 0; i < result.RankedOptions.Count; i++)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<li>{Both(result.RankedOptions[i].Option, EnglishOption(i))}</li>\n");
                }

                html.Append("</ul>\n</div>\n");
                continue;
            }

            var unit = result.Unit == VoteScoreUnit.Points ? T(words, Points.For) : T(words, VotesUnit.For);
            Figure(html, "vote-" + n.ToString(CultureInfo.InvariantCulture), question, line, "bar-horizontal", stacked: false);
            html.Append(CultureInfo.InvariantCulture, $"<thead><tr><th scope=\"col\">{T(words, Option.For)}</th><th scope=\"col\">{T(words, Rank.For)}</th><th scope=\"col\" data-series=\"bar\" data-axis=\"y\">{unit}</th></tr></thead>\n<tbody>\n");
            for (var i = 0; i < result.RankedOptions.Count; i++)
            {
                var option = result.RankedOptions[i];
                var rank = Number(option.Rank, words) + (option.Tied ? "=" : string.Empty);
                html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{Both(option.Option, EnglishOption(i))}</th><td>{E(rank)}</td>{Cell(option.Score, words)}</tr>\n");
            }

            EndFigure(html);

            // The option's English wording on a bilingual page: the English result ranks the same scores the same way.
            string? EnglishOption(int index) => english is { } e && index < e.RankedOptions.Count ? e.RankedOptions[index].Option : null;
        }

        html.Append("</section>\n");
    }

    private static void Rencontres(StringBuilder html, DashboardInput input, SharedLanguage words)
    {
        html.Append(CultureInfo.InvariantCulture, $"<section id=\"rencontres\" aria-labelledby=\"rencontres-h\">\n<h2 id=\"rencontres-h\">{T(words, RencontresHeading.For)}</h2>\n");
        if (input.Rencontres.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"{Block(words, "p", null, NoRencontre.For)}\n</section>\n");
            return;
        }

        html.Append(CultureInfo.InvariantCulture, $"<div class=\"table-wrap\" tabindex=\"0\">\n<table class=\"data\" id=\"rencontres-table\">\n<thead><tr><th scope=\"col\">{T(words, RencontreDate.For)}</th><th scope=\"col\">{T(words, Theme.For)}</th><th scope=\"col\">{T(words, Intention.For)}</th><th scope=\"col\">{T(words, CompteRendu.For)}</th></tr></thead>\n<tbody>\n");
        foreach (var rencontre in input.Rencontres)
        {
            var date = Date(rencontre.Date, words);
            var report = rencontre.CompteRenduLink is { } link
                ? $"<a class=\"compte-rendu\" href=\"{E(link)}\">{T(words, l => CompteRenduLink.Format(l, RencontreDates.Write(rencontre.Date, words.Bilingual ? l : words.Language)))}</a>"
                : T(words, NoCompteRendu.For);
            html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{E(date)}</th><td>{E(rencontre.Theme)}</td><td>{E(rencontre.Intention ?? string.Empty)}</td><td>{report}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</div>\n</section>\n");
    }

    /// <summary>
    /// A figure: its heading, a canvas the script draws on (described by the caption), and the table's start.
    /// <paramref name="heading"/> and <paramref name="caption"/> are HTML already (see <see cref="T"/>).
    /// </summary>
    private static void Figure(StringBuilder html, string id, string heading, string caption, string chart, bool stacked, string axes = "")
    {
        html.Append(CultureInfo.InvariantCulture, $"""
            <figure class="chart-figure" id="{id}">
            <h3>{heading}</h3>
            <figcaption id="{id}-caption">{caption}</figcaption>
            <div class="chart"><canvas role="img" aria-labelledby="{id}-caption"></canvas></div>
            <div class="table-wrap" tabindex="0">
            <table class="data" id="{id}-table" data-chart="{chart}" data-stacked="{(stacked ? "true" : "false")}"{axes} aria-describedby="{id}-caption">

            """);
    }

    private static void EndFigure(StringBuilder html) => html.Append("</tbody>\n</table>\n</div>\n</figure>\n");

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 2) : null;

    /// <summary>A number cell: the value as the language writes it, and invariant in <c>data-value</c>; empty when withheld.</summary>
    private static string Cell(double? value, SharedLanguage words) => value is { } v
        ? $"<td data-value=\"{v.ToString(CultureInfo.InvariantCulture)}\">{E(Number(v, words))}</td>"
        : "<td data-value=\"\">—</td>";

    private static string Number(double value, SharedLanguage words) => value.ToString("0.##", Culture(words));

    private static CultureInfo Culture(SharedLanguage words) => CultureInfo.GetCultureInfo(words.Language == Language.English && !words.Bilingual ? "en-CA" : "fr-CA");

    private static string Date(DateOnly date, SharedLanguage words) => RencontreDates.Write(date, words.Language);

    /// <summary>A pulse's row and chart label: the day it closed, with its rank that day when several closed the same day.</summary>
    private static string Label(PulseTrendPoint point, SharedLanguage words) =>
        point.SameDay > 0 ? SameDayLabel.Format(words.Language, Date(point.ClosedOn, words), point.SameDay) : Date(point.ClosedOn, words);

    /// <summary>
    /// A label as HTML: in the page's language; on a bilingual page <c>français / English</c>, the English part marked
    /// <c>lang="en"</c> for screen readers and subtle (the separator hidden from them), once when both read the same.
    /// </summary>
    private static string T(SharedLanguage words, Func<Language, string> text) =>
        words.Bilingual ? Both(text(Language.French), text(Language.English)) : E(text(words.Language));

    /// <summary>French and English wordings of one label (user text typed <c>français | English</c>, a level, a label): once when the same or no English.</summary>
    private static string Both(string french, string? english) =>
        english is null || string.Equals(french, english, StringComparison.Ordinal)
            ? E(french)
            : $"{E(french)}<span class=\"alt\"><span aria-hidden=\"true\"> / </span><span lang=\"en\">{E(english)}</span></span>";

    /// <summary>
    /// A paragraph as HTML: in the page's language; on a bilingual page the French one, then the English one beneath it
    /// (<c>lang="en"</c>, subtle), as the bilingual cards write a text block.
    /// </summary>
    private static string Block(SharedLanguage words, string tag, string? cssClass, Func<Language, string> text)
    {
        var classes = cssClass is null ? string.Empty : $" class=\"{cssClass}\"";
        if (!words.Bilingual)
        {
            return $"<{tag}{classes}>{E(text(words.Language))}</{tag}>";
        }

        var english = text(Language.English);
        var altClasses = $" class=\"{(cssClass is null ? string.Empty : cssClass + " ")}alt-block\"";
        return $"<{tag}{classes}>{E(text(Language.French))}</{tag}>\n<{tag}{altClasses} lang=\"en\">{E(english)}</{tag}>";
    }

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

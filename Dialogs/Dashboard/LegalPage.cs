using System.Globalization;
using System.Text;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Dialogs.Dashboard;

/// <summary>
/// The <c>/privacy</c> and <c>/terms</c> pages the Teams manifest points to: French, then English, with the figures the
/// bot runs with (k and the retention in days), so what they say follows the configuration. Styled by the dashboard's
/// stylesheet; no script.
/// </summary>
public static partial class LegalPage
{
    public static string Privacy(string assetsPath, int minimumGroupSize, int retentionDays)
    {
        var html = new StringBuilder(DashboardPage.Head("fr", PrivacyTitle.For(Language.French), assetsPath, withScripts: false));
        html.Append("<body>\n<main>\n");
        foreach (var language in (Language[])[Language.French, Language.English])
        {
            Open(html, language, PrivacyTitle);
            Section(html, language, StoredHeading, [Stored1, Stored2, Stored3, Stored4], minimumGroupSize, retentionDays);
            Section(html, language, WhoHeading, [Who1, Who2, Who3], minimumGroupSize, retentionDays);
            Section(html, language, HowLongHeading, [HowLong1, HowLong2, HowLong3], minimumGroupSize, retentionDays);
            Section(html, language, WhereHeading, [Where1], minimumGroupSize, retentionDays);
            html.Append("</article>\n");
        }

        return html.Append("</main>\n</body>\n</html>\n").ToString();
    }

    public static string Terms(string assetsPath, int minimumGroupSize, string privacyPath)
    {
        var html = new StringBuilder(DashboardPage.Head("fr", TermsTitle.For(Language.French), assetsPath, withScripts: false));
        html.Append("<body>\n<main>\n");
        foreach (var language in (Language[])[Language.French, Language.English])
        {
            Open(html, language, TermsTitle);
            foreach (var paragraph in (Localized[])[Terms1, Terms2, Terms3, Terms4])
            {
                html.Append(CultureInfo.InvariantCulture, $"<p>{DashboardPage.E(Fill(paragraph, language, minimumGroupSize, 0))}</p>\n");
            }

            html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{DashboardPage.E(privacyPath)}\">{DashboardPage.E(PrivacyLink.For(language))}</a></p>\n</article>\n");
        }

        return html.Append("</main>\n</body>\n</html>\n").ToString();
    }

    private static void Open(StringBuilder html, Language language, Localized title) =>
        html.Append(CultureInfo.InvariantCulture, $"<article lang=\"{Languages.ToCode(language)}\">\n<h1>{DashboardPage.E(title.For(language))}</h1>\n");

    private static void Section(StringBuilder html, Language language, Localized heading, Localized[] items, int minimumGroupSize, int retentionDays)
    {
        html.Append(CultureInfo.InvariantCulture, $"<section>\n<h2>{DashboardPage.E(heading.For(language))}</h2>\n<ul>\n");
        foreach (var item in items)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>{DashboardPage.E(Fill(item, language, minimumGroupSize, retentionDays))}</li>\n");
        }

        html.Append("</ul>\n</section>\n");
    }

    private static string Fill(Localized text, Language language, int minimumGroupSize, int retentionDays) =>
        text.Format(language, minimumGroupSize.ToString(CultureInfo.InvariantCulture), retentionDays.ToString(CultureInfo.InvariantCulture));
}

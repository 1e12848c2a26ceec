using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Dashboard;

/// <summary>
/// "Tableau de bord": what the page shows, one "Ouvrir le tableau de bord" button on a signed link to this
/// conversation's dashboard, and how long the link lasts.
/// </summary>
public static partial class DashboardCard
{
    public static AdaptiveCard Build(Language language, Uri url, string expiresText)
    {
        ArgumentNullException.ThrowIfNull(url);
        return new AdaptiveCard
        {
            FallbackText = Heading.For(language),
            Body =
            [
                CardBlocks.Heading(Heading.For(language)),
                CardBlocks.Paragraph(Shows.For(language)),
                new TextBlock { Text = Privacy.For(language), IsSubtle = true, Size = TextSize.Small },
                new TextBlock { Text = Validity.Format(language, expiresText), IsSubtle = true, Size = TextSize.Small, Spacing = CardSpacing.Small },
            ],
            Actions = [new OpenUrlAction { Title = Open.For(language), Url = url }],
        };
    }
}

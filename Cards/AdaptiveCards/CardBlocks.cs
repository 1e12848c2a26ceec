namespace ConcertationBot.Cards.AdaptiveCards;

/// <summary>The building blocks every ConcertationBot card shares, so they look alike and read well on a phone.</summary>
public static class CardBlocks
{
    /// <summary>The card's title.</summary>
    public static TextBlock Heading(string text, TextSize size = TextSize.Large) =>
        new() { Text = text, Size = size, Weight = TextWeight.Bolder, Style = TextStyle.Heading };

    /// <summary>Body text just under the heading or a section title.</summary>
    public static TextBlock Paragraph(string text) => new() { Text = text, Spacing = CardSpacing.Small };

    /// <summary>A short card: a heading, one paragraph and optional actions; the heading doubles as fallback text.</summary>
    public static AdaptiveCard Announcement(string heading, string text, TextSize headingSize = TextSize.Large, IReadOnlyList<CardAction>? actions = null) => new()
    {
        FallbackText = heading,
        Body = [Heading(heading, headingSize), Paragraph(text)],
        Actions = actions,
    };
}

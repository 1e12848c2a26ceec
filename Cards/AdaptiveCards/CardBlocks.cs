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

    /// <summary>
    /// A short answer card: a medium heading, then <paramref name="body"/>, then optional actions; the heading doubles as
    /// fallback text.
    /// </summary>
    public static AdaptiveCard Notice(string heading, IReadOnlyList<CardElement> body, IReadOnlyList<CardAction>? actions = null) => new()
    {
        FallbackText = heading,
        Body = [Heading(heading, TextSize.Medium), .. body],
        Actions = actions,
    };

    /// <summary>User text (or text carrying user text) shown inertly, never read as Markdown.</summary>
    public static RichTextBlock PlainText(string text, CardSpacing? spacing = CardSpacing.Small, TextWeight? weight = null, bool? isSubtle = null) =>
        new() { Spacing = spacing, Inlines = [new TextRun { Text = text, Weight = weight, IsSubtle = isSubtle }] };

    /// <summary>Something to type as shown (a command, an example).</summary>
    public static TextBlock Command(string text, CardSpacing spacing = CardSpacing.Small) =>
        new() { Text = text, FontType = FontType.Monospace, Spacing = spacing };
}

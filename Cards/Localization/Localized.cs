namespace ConcertationBot.Cards.Localization;

/// <summary>A string in both languages; the French one gets French typography on the way out.</summary>
public sealed record Localized(string French, string English)
{
    public string For(Language language) =>
        language == Language.English ? English : FrenchTypography.Apply(French);

    /// <summary>
    /// <see cref="For"/> with <c>{0}</c>, <c>{1}</c>… filled in afterwards, so the values (often user text or dates)
    /// are shown exactly as given and never get French typography applied to them.
    /// </summary>
    public string Format(Language language, params object?[] values) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, For(language), values);
}

/// <summary>French typographic spacing: a non-breaking space before <c>: ; ? !</c> and inside « ».</summary>
public static class FrenchTypography
{
    public const char NoBreakSpace = '\u00A0';
    public const char NarrowNoBreakSpace = '\u202F';

    public static string Apply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var chars = new System.Text.StringBuilder(text.Length + 4);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var isHighPunctuation = c is ':' or ';' or '?' or '!' or '»';
            if (isHighPunctuation && chars.Length > 0 && !IsUrlContext(text, i))
            {
                var space = c == ':' || c == '»' ? NoBreakSpace : NarrowNoBreakSpace;
                var last = chars[^1];
                if (last == ' ' || last == NoBreakSpace || last == NarrowNoBreakSpace)
                {
                    chars[^1] = space;
                }
                else if (!char.IsWhiteSpace(last) && last is not ('?' or '!' or '(' or '['))
                {
                    chars.Append(space);
                }
            }

            chars.Append(c);
            if (c == '«')
            {
                if (i + 1 < text.Length && text[i + 1] == ' ')
                {
                    i++;
                }

                chars.Append(NoBreakSpace);
            }
        }

        return chars.ToString();
    }

    // "https://…", "10:30" and similar keep their colon unspaced.
    private static bool IsUrlContext(string text, int index) =>
        text[index] == ':' && index + 1 < text.Length && (text[index + 1] == '/' || char.IsDigit(text[index + 1]));
}
